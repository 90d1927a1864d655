package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PastedAddressTest {
  private static final String ADDRESS = "http://127.0.0.1:8080/callback?code=the-code&state=S1";

  private static PastedAddress parse(String text) {
    return PastedAddress.parse(text);
  }

  @Test
  void readsStateAndCodeFromTheQuery() {
    PastedAddress address = parse(ADDRESS);

    assertThat(address.found()).isTrue();
    assertThat(address.state()).contains("S1");
    assertThat(address.code()).contains("the-code");
    assertThat(address.error()).isEmpty();
  }

  @Test
  void toleratesWhitespaceNoSchemeAndHtmlEscapedAmpersands() {
    assertThat(parse("  \n\t" + ADDRESS + " \n").state()).contains("S1");
    assertThat(parse("127.0.0.1:8080/callback?code=the-code&state=S1").code()).contains("the-code");
    assertThat(parse("http://127.0.0.1:8080/callback?code=the-code&amp;state=S1").state())
        .contains("S1");
    assertThat(parse("http://127.0.0.1:8080/callback?code=the-code&AMP;state=S1").state())
        .contains("S1");
  }

  /**
   * Phones in right-to-left locales wrap a copied address in direction marks, and chat apps put
   * zero-width spaces into long words to break them: invisible, so the member cannot see why their
   * paste failed.
   */
  @Test
  void invisibleDirectionMarksAndZeroWidthCharactersAreNoPartOfTheAddress() {
    assertThat(parse("\u200e" + ADDRESS + "\u200f").state()).contains("S1");
    assertThat(parse("\u202a" + ADDRESS + "\u202c").state()).contains("S1");
    assertThat(parse("\u2066" + ADDRESS + "\u2069").state()).contains("S1");
    assertThat(parse("\ufeff" + ADDRESS + "\u2060").state()).contains("S1");
    assertThat(parse("http://127.0.0.1:8080/callback?code=the-\u200bcode&state=S\u200c1"))
        .satisfies(
            a -> {
              assertThat(a.code()).contains("the-code");
              assertThat(a.state()).contains("S1");
            });
    assertThat(parse("here:\u2028" + ADDRESS + "\u2029").state()).contains("S1");
    assertThat(parse("here:\u202f" + ADDRESS + "\u205f").state()).contains("S1");
  }

  @Test
  void findsTheAddressInsideOtherTextAndWrapping() {
    assertThat(parse("here it is: <" + ADDRESS + ">. thanks!").state()).contains("S1");
    assertThat(parse("(" + ADDRESS + ")").code()).contains("the-code");
    assertThat(parse("\"" + ADDRESS + "\",").state()).contains("S1");
  }

  @Test
  void acceptsTheQueryAloneAndIgnoresAFragment() {
    assertThat(parse("code=the-code&state=S1").state()).contains("S1");
    assertThat(parse(ADDRESS + "#_=_").state()).contains("S1");
  }

  @Test
  void readsTheErrorSpotifySends() {
    PastedAddress denied = parse("http://127.0.0.1:8080/callback?error=access_denied&state=S1");

    assertThat(denied.error()).contains("access_denied");
    assertThat(denied.code()).isEmpty();
    assertThat(denied.state()).contains("S1");
  }

  @Test
  void decodesPercentEscapesAndRefusesMalformedOnes() {
    assertThat(parse("http://h/cb?state=a%2Db&code=c").state()).contains("a-b");
    assertThat(parse("http://h/cb?state=a%zz&code=c").state()).isEmpty();
  }

  @Test
  void readsOnlyTheQueryNotThePathOrOtherParameters() {
    PastedAddress address = parse("http://h/state=S1/code=C?mystate=S2&xcode=C2");

    assertThat(address.found()).isTrue();
    assertThat(address.state()).isEmpty();
    assertThat(address.code()).isEmpty();
  }

  @Test
  void aStateGivenTwiceWithDifferentValuesCountsAsNone() {
    assertThat(parse("http://h/cb?state=S1&state=S2&code=c").state()).isEmpty();
    assertThat(parse("http://h/cb?state=S1&state=S1&code=c").state()).contains("S1");
  }

  @Test
  void theFirstAddressWithAStateWins() {
    PastedAddress address = parse("https://example.org/?q=1 " + ADDRESS + " http://h/?state=S2");

    assertThat(address.state()).contains("S1");
  }

  @Test
  void anAddressWithoutStateIsFoundButHasNone() {
    PastedAddress other = parse("https://open.spotify.com/collection/tracks");

    assertThat(other.found()).isTrue();
    assertThat(other.state()).isEmpty();
  }

  @Test
  void wordsAreNoAddress() {
    assertThat(parse("what? I logged in, it said the page cannot load").found()).isFalse();
    assertThat(parse("").found()).isFalse();
    assertThat(parse(null).found()).isFalse();
  }

  @Test
  void moreThanDiscordsInputHoldsIsNoAddress() {
    assertThat(parse(ADDRESS + " ".repeat(PastedAddress.MAX_PASTE)).found()).isFalse();
  }

  @Test
  void itsTextNeverShowsStateOrCode() {
    assertThat(parse(ADDRESS).toString()).doesNotContain("S1", "the-code");
    assertThat(parse(ADDRESS).state()).isEqualTo(Optional.of("S1"));
  }
}
