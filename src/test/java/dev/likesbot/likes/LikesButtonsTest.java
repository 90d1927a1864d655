package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.InteractionPipeline;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryShuffleStore;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingButtonCall;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikesButtonsTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeLibrary library = new FakeLibrary().withSongs(25);
  private final MemberTokens tokens =
      new MemberTokens(store, new FakeAuth(), time, time, Metrics.NONE);
  private final LikesCommand likes =
      new LikesCommand(
          new LikesService(
              tokens,
              library,
              new InMemoryShuffleStore(),
              new Random(3),
              Duration.ofMinutes(1),
              time));

  LikesButtonsTest() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
  }

  /** Through the pipeline every click takes, with its checks, on this thread. */
  private RecordingButtonCall click(String user, String id, MemberLimiter limiter) {
    RecordingButtonCall call = new RecordingButtonCall(user, id);
    new InteractionPipeline(
            List.of(likes),
            new LinkCheck(tokens::isLinked, NotLinkedException.class),
            Runnable::run,
            limiter,
            Metrics.NONE)
        .click(id, untilReply -> call);
    return call;
  }

  private RecordingButtonCall click(String user, String id) {
    return click(user, id, MemberLimiter.off());
  }

  private static List<String> args(String id) {
    return List.of(id.substring("likes:".length()).split(":"));
  }

  @Test
  void anotherPostsANewPickForTheOwner() {
    RecordingButtonCall call = click("42", "likes:another:42");

    assertThat(call.deferredAs).isEqualTo("reply");
    assertThat(call.updates).isEmpty();
    assertThat(call.replies)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ephemeral()).isFalse();
              assertThat(r.embed()).isPresent();
              assertThat(r.buttons())
                  .contains(new Reply.ActionButton("Another", "likes:another:42"));
            });
  }

  @Test
  void bothButtonsCountAgainstTheMemberLimitSinceEachCallsSpotify() {
    MemberLimiter oneAMinute = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);

    RecordingButtonCall another = click("42", "likes:another:42", oneAMinute);
    RecordingButtonCall page = click("42", "likes:next:42:1", oneAMinute);

    assertThat(another.replies).singleElement().satisfies(r -> assertThat(r.embed()).isPresent());
    assertThat(page.updates).isEmpty();
    assertThat(page.replies)
        .containsExactly(Reply.privately("You're going fast — try again in 60 s."));
  }

  @Test
  void theOwnersClickIsDeferredOnArrivalBeforeAnyWork() {
    RecordingButtonCall another = new RecordingButtonCall("42", "likes:another:42:private");
    RecordingButtonCall page = new RecordingButtonCall("42", "likes:prev:42:0");

    assertThat(likes.acknowledgeClick(another, args(another.buttonId())))
        .isEqualTo(SlashCommand.Ack.DEFERRED);
    assertThat(likes.acknowledgeClick(page, args(page.buttonId())))
        .isEqualTo(SlashCommand.Ack.DEFERRED);

    assertThat(another.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(page.deferredAs).isEqualTo("update,ephemeral");
    assertThat(another.replies).isEmpty();
    assertThat(library.requests).isEmpty();
  }

  @Test
  void aClickBySomeoneElseIsAnsweredInTheAcknowledgementWithNothingQueued() {
    RecordingButtonCall call = new RecordingButtonCall("7", "likes:another:42");

    assertThat(likes.acknowledgeClick(call, args(call.buttonId())))
        .isEqualTo(SlashCommand.Ack.ANSWERED);
    assertThat(call.deferred).isFalse();
    assertThat(call.replies).containsExactly(Reply.privately(LikesCommand.NOT_YOURS_RANDOM));
  }

  @Test
  void aPrivateAnotherStaysPrivate() {
    RecordingButtonCall call = click("42", "likes:another:42:private");

    assertThat(call.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(call.replies).singleElement().satisfies(r -> assertThat(r.ephemeral()).isTrue());
  }

  @Test
  void someoneElsePressingAnotherIsToldToRunTheCommandThemselves() {
    RecordingButtonCall call = click("7", "likes:another:42");

    assertThat(call.replies).containsExactly(Reply.privately(LikesCommand.NOT_YOURS_RANDOM));
    assertThat(call.deferred).isFalse();
    assertThat(library.requests).isEmpty();
  }

  @Test
  void pageButtonsReplaceTheListWithTheTargetPage() {
    RecordingButtonCall call = click("42", "likes:next:42:2");

    assertThat(call.deferredAs).isEqualTo("update,ephemeral");
    assertThat(call.replies).isEmpty();
    assertThat(call.updates)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.embed().orElseThrow().footer())
                    .contains("Page 3 of 3 · 25 songs, newest first"));
    assertThat(library.requests).containsExactly("20:10:a");
  }

  @Test
  void someoneElseCannotTurnThePages() {
    RecordingButtonCall call = click("7", "likes:prev:42:0");

    assertThat(call.replies).containsExactly(Reply.privately(LikesCommand.NOT_YOURS_LIST));
    assertThat(call.updates).isEmpty();
  }

  @Test
  void anOwnerWhoUnlinkedIsToldToLinkAgain() {
    store.links.clear();

    assertThat(click("42", "likes:another:42").replies)
        .containsExactly(Reply.privately("Link your Spotify account first with /link."));
  }

  @Test
  void spotifyTroubleIsAPrivateMessage() {
    library.fail = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "503");

    assertThat(click("42", "likes:next:42:1").replies)
        .containsExactly(Reply.privately("Spotify is having trouble — try again shortly."));
  }

  @Test
  void malformedIdsAreRefusedPolitely() {
    assertThat(click("42", "likes:dance:42").replies)
        .containsExactly(Reply.privately("This button no longer works."));
    assertThat(click("42", "likes:next:42").replies)
        .containsExactly(Reply.privately("This button no longer works."));
  }
}
