package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.text.Texts;
import dev.likesbot.tokens.MemberTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unlink asks first: the button shows a confirmation; only its confirm forgets the link. */
class UnlinkConfirmationTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final LinkFixture link = new LinkFixture(wire);
  private final FakeTime time = link.time;
  private final InMemoryStore store = link.store;
  private final MemberTokens tokens = link.tokens;
  private final InteractionPipeline pipeline = link.pipeline(link.links, MemberLimiter.off());

  @BeforeEach
  void linkAda() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
  }

  private RecordingCall.Click press(String userId, String buttonId) {
    RecordingCall.Click click = RecordingCall.click(userId, buttonId);
    pipeline.click(click.buttonId(), untilReply -> click);
    return click;
  }

  @Test
  void unlinkTurnsItsMessageIntoTheConfirmationAtOnceAndForgetsNothing() {
    RecordingCall.Click click = press("42", "link:unlink:42");

    assertThat(click.deferredAs).as("the confirmation needs no worker").isNull();
    assertThat(click.updates)
        .containsExactly(
            Reply.privately(Texts.ENGLISH.get(UnlinkCommand.CONFIRM))
                .withButton(
                    new Reply.ActionButton("Unlink", "link:unlink-confirm:42", Reply.Style.DANGER))
                .withButton(new Reply.ActionButton("Cancel", "link:unlink-cancel:42")));
    assertThat(store.links).containsKey("42");
  }

  @Test
  void confirmForgetsTheLinkAndSaysSo() {
    RecordingCall.Click click = press("42", "link:unlink-confirm:42");

    assertThat(click.deferredAs).isEqualTo("update,ephemeral");
    assertThat(click.updates)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(UnlinkCommand.UNLINKED)));
    assertThat(store.links).isEmpty();
  }

  @Test
  void cancelKeepsTheLinkAndShowsTheStatusAgain() {
    RecordingCall.Click click = press("42", "link:unlink-cancel:42");

    assertThat(click.deferredAs).isEqualTo("update,ephemeral");
    assertThat(click.updates)
        .containsExactly(LinkCommand.status(Texts.ENGLISH, store.links.get("42")));
    assertThat(store.links).containsKey("42");
  }

  @Test
  void cancelAfterTheLinkWentElsewhereSaysNothingChanged() {
    tokens.forget("42");

    RecordingCall.Click click = press("42", "link:unlink-cancel:42");

    assertThat(click.updates)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(UnlinkCommand.KEPT_NOT_LINKED)));
  }

  @Test
  void nobodyElseCanConfirmOrCancel() {
    RecordingCall.Click confirm = press("7", "link:unlink-confirm:42");
    RecordingCall.Click cancel = press("7", "link:unlink-cancel:42");

    assertThat(confirm.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
    assertThat(cancel.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
    assertThat(confirm.updates).isEmpty();
    assertThat(store.links).containsKey("42");
  }

  @Test
  void theConfirmationsIdsCarryTheMemberWithinDiscordsHundredCharacters() {
    String longest = "18446744073709551615"; // the largest snowflake
    assertThat(UnlinkCommand.confirmation(Texts.ENGLISH, longest).buttons())
        .extracting(b -> ((Reply.ActionButton) b).id())
        .containsExactly("link:unlink-confirm:" + longest, "link:unlink-cancel:" + longest)
        .allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(100));
  }

  @Test
  void memberFacingWordsSayYourSpotifyLinkNotTokens() {
    for (Texts texts : List.of(Texts.ENGLISH, Texts.of(java.util.Locale.GERMAN))) {
      assertThat(
              List.of(UnlinkCommand.CONFIRM, UnlinkCommand.UNLINKED, UnlinkCommand.KEPT_NOT_LINKED))
          .extracting(texts::get)
          .allSatisfy(text -> assertThat(text).doesNotContainIgnoringCase("token"));
    }
    assertThat(new UnlinkCommand(tokens).spec().description()).doesNotContainIgnoringCase("token");
  }
}
