package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.ButtonHandler;
import dev.likesbot.discord.Reply;
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
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikesButtonsTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeLibrary library = new FakeLibrary().withSongs(25);
  private final MemberTokens tokens =
      new MemberTokens(store, new FakeAuth(), time, time, Metrics.NONE);
  private final LikesButtons buttons =
      new LikesButtons(
          new LikesService(
              tokens,
              library,
              new InMemoryShuffleStore(),
              new Random(3),
              Duration.ofMinutes(1),
              time),
          tokens);

  LikesButtonsTest() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
  }

  private RecordingButtonCall click(String user, String id) {
    RecordingButtonCall call = new RecordingButtonCall(user, id);
    // As the router does: handle only what the acknowledgement deferred.
    if (buttons.acknowledge(call) == ButtonHandler.Ack.DEFERRED) {
      buttons.handle(call);
    }
    return call;
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
    assertThat(buttons.limited()).isTrue();
  }

  @Test
  void theOwnersClickIsDeferredOnArrivalBeforeAnyWork() {
    RecordingButtonCall another = new RecordingButtonCall("42", "likes:another:42:private");
    RecordingButtonCall page = new RecordingButtonCall("42", "likes:prev:42:0");

    assertThat(buttons.acknowledge(another)).isEqualTo(ButtonHandler.Ack.DEFERRED);
    assertThat(buttons.acknowledge(page)).isEqualTo(ButtonHandler.Ack.DEFERRED);

    assertThat(another.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(page.deferredAs).isEqualTo("update,ephemeral");
    assertThat(another.replies).isEmpty();
    assertThat(library.requests).isEmpty();
  }

  @Test
  void aClickBySomeoneElseIsAnsweredInTheAcknowledgementWithNothingQueued() {
    RecordingButtonCall call = new RecordingButtonCall("7", "likes:another:42");

    assertThat(buttons.acknowledge(call)).isEqualTo(ButtonHandler.Ack.ANSWERED);
    assertThat(call.deferred).isFalse();
    assertThat(call.replies).containsExactly(Reply.privately(LikesButtons.NOT_YOURS_RANDOM));
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

    assertThat(call.replies).containsExactly(Reply.privately(LikesButtons.NOT_YOURS_RANDOM));
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

    assertThat(call.replies).containsExactly(Reply.privately(LikesButtons.NOT_YOURS_LIST));
    assertThat(call.updates).isEmpty();
  }

  @Test
  void anOwnerWhoUnlinkedIsToldToLinkAgain() {
    store.links.clear();

    assertThat(click("42", "likes:another:42").replies)
        .containsExactly(Reply.privately(LikesReplies.NOT_LINKED));
  }

  @Test
  void spotifyTroubleIsAPrivateMessage() {
    library.fail = new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "503");

    assertThat(click("42", "likes:next:42:1").replies)
        .containsExactly(Reply.privately(LikesReplies.UNAVAILABLE));
  }

  @Test
  void malformedIdsAreRefusedPolitely() {
    assertThat(click("42", "likes:dance:42").replies)
        .containsExactly(Reply.privately("This button no longer works."));
    assertThat(click("42", "likes:next:42").replies)
        .containsExactly(Reply.privately("This button no longer works."));
  }
}
