package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeAuth;
import dev.likesbot.testing.FakeLibrary;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.testing.RecordingMessenger;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkCommandTest {
  private final FakeTime time = new FakeTime();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeAuth auth = new FakeAuth();
  private final RecordingMessenger messenger = new RecordingMessenger();
  private final TokenCache tokens = new TokenCache(store, auth, time, time);
  private final LinkService links =
      new LinkService(store, tokens, auth, new FakeLibrary(), messenger, new SecureRandom(), time);
  private final LinkCommand command = new LinkCommand(links, messenger);

  @Test
  void dmsTheLoginButtonAndAnswersPrivately() {
    RecordingCall call = new RecordingCall("42", null);

    command.acknowledge(call);
    command.handle(call);

    assertThat(call.deferredEphemeral).isTrue();
    assertThat(call.onlyReply()).isEqualTo(Reply.privately(LinkCommand.CHECK_DMS));
    Reply dm = messenger.sent.get("42").get(0);
    assertThat(dm.buttons())
        .singleElement()
        .isInstanceOfSatisfying(
            Reply.LinkButton.class,
            b -> {
              assertThat(b.label()).isEqualTo("Log in with Spotify");
              assertThat(b.url()).startsWith("https://accounts.example/authorize?state=");
            });
  }

  @Test
  void putsTheButtonInThePrivateReplyWhenDmsAreClosed() {
    messenger.closed.add("42");
    RecordingCall call = new RecordingCall("42", null);

    command.handle(call);

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).isEqualTo(LinkCommand.DMS_CLOSED);
    assertThat(reply.buttons())
        .singleElement()
        .isInstanceOfSatisfying(
            Reply.LinkButton.class, b -> assertThat(b.url()).contains("state="));
  }

  @Test
  void tellsALinkedMemberTheyMayLinkAgain() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
    RecordingCall call = new RecordingCall("42", null);

    command.handle(call);

    assertThat(call.onlyReply().content())
        .startsWith("You're already linked as Ada; linking again replaces that link.");
    assertThat(messenger.sent.get("42")).hasSize(1);
  }

  @Test
  void unlinkForgetsTheMemberAndPointsToSpotifysAppsPage() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
    RecordingCall call = new RecordingCall("42", null);

    new UnlinkCommand(links).handle(call);

    assertThat(store.links).isEmpty();
    assertThat(call.onlyReply().ephemeral()).isTrue();
    assertThat(call.onlyReply().content()).contains("https://www.spotify.com/account/apps/");

    RecordingCall again = new RecordingCall("42", null);
    new UnlinkCommand(links).handle(again);
    assertThat(again.onlyReply().content()).isEqualTo(UnlinkCommand.NOT_LINKED);
  }
}
