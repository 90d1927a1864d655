package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.tokens.MemberTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Pasting back whatever a member pastes, against the real Spotify adapter and the fake Spotify.
 * jqwik runs properties outside Jupiter's extensions, so this class has a wire of its own and
 * closes it itself; the examples are in {@link PasteBackTest}.
 */
class PasteBackPropertiesTest {
  private static final SpotifyWire wire = new SpotifyWire();
  private final FakeTime time = new FakeTime();
  private final WebApiSpotify spotify = wire.connect(time);
  private final FakeSpotify fake = wire.fake();

  PasteBackPropertiesTest() {
    fake.addUser("ada", "Ada", 0);
  }

  @AfterContainer
  static void closeTheFake() {
    wire.close();
  }

  /** A service with a store of its own, so each try starts with no link and no login. */
  private LinkService service(InMemoryStore own) {
    return new LinkService(
        own,
        new MemberTokens(own, spotify, time, time, Metrics.NONE),
        spotify,
        spotify,
        linked -> {},
        member -> {},
        member -> {},
        () -> false,
        new SecureRandom(),
        time,
        Optional.empty());
  }

  @Property(tries = 300)
  void arbitraryPastedTextNeverThrowsAndNeverSpendsTheState(@ForAll("pastes") String pasted) {
    InMemoryStore own = new InMemoryStore();
    LinkService service = service(own);
    String state = PasteBackTest.state(service.start("42", "Ada", "ada"));

    LinkOutcome outcome = service.completePasted("42", pasted, true);

    assertThat(outcome).isInstanceOf(LinkOutcome.PasteRefused.class);
    assertThat(own.pending).containsKey(state);
    assertThat(own.links).isEmpty();
  }

  @Provide
  Arbitrary<String> pastes() {
    Arbitrary<String> noise = OutsideText.upTo(200);
    Arbitrary<String> addressLike =
        Arbitraries.of(
            "http://127.0.0.1:8080/callback?code=",
            "?state=",
            "&amp;state=",
            "state=&code=x",
            "error=access_denied",
            "http://127.0.0.1:8080/callback?error=access_denied&state=",
            "%",
            "%E0%A4%A",
            "#",
            "://");
    return Arbitraries.oneOf(
        noise, around(noise, addressLike), Arbitraries.strings().ofMaxLength(5000));
  }

  private static Arbitrary<String> around(Arbitrary<String> noise, Arbitrary<String> parts) {
    return Combinators.combine(noise, parts, noise, parts).as((a, b, c, d) -> a + b + c + d);
  }

  @Property(tries = 100)
  void theRightAddressLinksWhateverWhitespaceAndWrappingSurroundIt(
      @ForAll("before") String before, @ForAll("after") String after) {
    InMemoryStore own = new InMemoryStore();
    LinkService service = service(own);
    URI login = service.start("42", "Ada", "ada");

    LinkOutcome outcome =
        service.completePasted("42", before + PasteBackTest.adaLogsIn(fake, login) + after, true);

    assertThat(outcome).isInstanceOf(LinkOutcome.Linked.class);
    assertThat(own.pending).isEmpty();
  }

  @Provide
  Arbitrary<String> before() {
    return Arbitraries.of("", " ", "\n\n", "\t", "\u00a0", "here: ", "<", "(", "\"", "it said ")
        .list()
        .ofMaxSize(3)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> after() {
    return Arbitraries.of("", " ", "\n", "\t", " thanks!", ">", ")", "\"", ".", ",", " ok?")
        .list()
        .ofMaxSize(3)
        .map(parts -> String.join("", parts));
  }
}
