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
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LinkCommandTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final LinkFixture link = new LinkFixture(wire);
  private final FakeTime time = link.time;
  private final InMemoryStore store = link.store;
  private final RecordingMessenger messenger = link.messenger;
  private final InteractionPipeline pipeline = link.pipeline(link.links, MemberLimiter.off());

  /** Through the pipeline every command takes, on this thread. */
  private RecordingCall.Command run(String command) {
    RecordingCall.Command call = RecordingCall.command("42", null);
    pipeline.command(command, command, untilReply -> call);
    return call;
  }

  @Test
  void answersPrivatelyWithTheLoginButtonAndDmsACopy() {
    RecordingCall.Command call = run("link");

    assertThat(call.deferredAs).isEqualTo("reply,ephemeral");
    Reply dm = messenger.sent.get("42").get(0);
    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(dm.content() + "\n" + Texts.ENGLISH.get(LoginMessages.COPY_IN_DMS));
    assertThat(reply.buttons()).isEqualTo(dm.buttons());
    assertThat(dm.buttons())
        .first()
        .isInstanceOfSatisfying(
            Reply.LinkButton.class,
            b -> {
              assertThat(b.label()).isEqualTo("Log in with Spotify");
              assertThat(b.url())
                  .startsWith(wire.fake().accountsBaseUrl() + "/authorize?")
                  .contains("state=");
            });
  }

  @Test
  void putsTheButtonInThePrivateReplyWhenDmsAreClosed() {
    messenger.closed.add("42");
    RecordingCall.Command call = run("link");

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .startsWith("Log in with Spotify")
        .doesNotContain(Texts.ENGLISH.get(LoginMessages.COPY_IN_DMS));
    assertThat(reply.buttons())
        .first()
        .isInstanceOfSatisfying(
            Reply.LinkButton.class, b -> assertThat(b.url()).contains("state="));
  }

  @Test
  void showsALinkedMemberTheirStatusWithRelinkAndUnlinkButtons() {
    store.save(
        new StoredLink(
            "42",
            "s",
            "Ada_L",
            "a",
            "r",
            time.instant().plus(Duration.ofHours(1)),
            Instant.parse("2026-01-10T08:00:00Z")));
    RecordingCall.Command call = run("link");

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .isEqualTo(
            "Linked as Ada\\_L since <t:1768032000:D>, link expires around <t:1783670400:D>.");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.ActionButton("Relink", "link:relink:42"),
            new Reply.ActionButton("Unlink", "link:unlink:42", Reply.Style.DANGER));
    assertThat(messenger.sent).isEmpty();
    assertThat(store.pending).as("no login state was made").isEmpty();
  }

  @Test
  void unlinkForgetsTheMemberAndPointsToSpotifysAppsPage() {
    store.save(
        new StoredLink(
            "42", "s", "Ada", "a", "r", time.instant().plus(Duration.ofHours(1)), time.instant()));
    RecordingCall.Command call = run("unlink");

    assertThat(store.links).isEmpty();
    assertThat(call.onlyReply().ephemeral()).isTrue();
    assertThat(call.onlyReply().content()).contains("https://www.spotify.com/account/apps/");

    RecordingCall.Command again = run("unlink");
    assertThat(again.onlyReply().content()).isEqualTo(Texts.ENGLISH.get(UnlinkCommand.NOT_LINKED));
  }

  /** The Relink and Unlink buttons under a linked member's status. */
  @Nested
  class Buttons {
    @BeforeEach
    void linkAda() {
      store.save(
          new StoredLink(
              "42",
              "s",
              "Ada",
              "a",
              "r",
              time.instant().plus(Duration.ofHours(1)),
              time.instant()));
    }

    /** Through the pipeline every click takes, on this thread. */
    private void press(RecordingCall.Click click) {
      pipeline.click(click.buttonId(), untilReply -> click);
    }

    @Test
    void relinkAnswersWithAFreshLoginLinkAndDmsACopy() {
      RecordingCall.Click click = RecordingCall.click("42", "link:relink:42");

      press(click);

      assertThat(click.deferredAs).isEqualTo("reply,ephemeral");
      assertThat(click.replies)
          .singleElement()
          .satisfies(
              reply -> {
                assertThat(reply.ephemeral()).isTrue();
                assertThat(reply.content()).endsWith(Texts.ENGLISH.get(LoginMessages.COPY_IN_DMS));
                assertThat(reply.buttons()).isEqualTo(messenger.sent.get("42").get(0).buttons());
              });
      assertThat(messenger.sent.get("42"))
          .singleElement()
          .satisfies(
              dm ->
                  assertThat(dm.buttons())
                      .first()
                      .isInstanceOfSatisfying(
                          Reply.LinkButton.class, b -> assertThat(b.url()).contains("state=")));
      assertThat(store.pending).hasSize(1);
      assertThat(store.links).containsKey("42");
    }

    @Test
    void unlinkDeletesTheLinkAndReplacesTheStatusMessage() {
      RecordingCall.Click click = RecordingCall.click("42", "link:unlink-confirm:42");

      press(click);

      assertThat(store.links).isEmpty();
      assertThat(click.deferredAs).isEqualTo("update,ephemeral");
      assertThat(click.updates)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(UnlinkCommand.UNLINKED)));
      assertThat(click.replies).isEmpty();
    }

    /**
     * The bug: the limit covered every button of /link, so a member whose budget was spent (here by
     * /link itself, with a budget of one) had Unlink's Confirm and Cancel held or refused with
     * "You're going fast", though neither calls Spotify nor sends a DM, and /unlink is never
     * limited.
     */
    @Test
    void unlinksConfirmAndCancelAreNeverLimited() {
      try (MemberLimiter one = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time)) {
        InteractionPipeline limited = link.pipeline(link.links, one);
        limited.command("link", "link", untilReply -> RecordingCall.command("42", null));
        RecordingCall.Click cancel = RecordingCall.click("42", "link:unlink-cancel:42");
        RecordingCall.Click confirm = RecordingCall.click("42", "link:unlink-confirm:42");

        limited.click(cancel.buttonId(), untilReply -> cancel);
        limited.click(confirm.buttonId(), untilReply -> confirm);

        assertThat(cancel.replies).isEmpty();
        assertThat(cancel.updates).hasSize(1);
        assertThat(confirm.replies).isEmpty();
        assertThat(confirm.updates)
            .containsExactly(Reply.privately(Texts.ENGLISH.get(UnlinkCommand.UNLINKED)));
        assertThat(store.links).isEmpty();
      }
    }

    @Test
    void someoneElsesClickChangesNothing() {
      RecordingCall.Click unlink = RecordingCall.click("7", "link:unlink:42");
      RecordingCall.Click relink = RecordingCall.click("7", "link:relink:42");

      press(unlink);
      press(relink);

      assertThat(store.links).containsKey("42");
      assertThat(store.pending).isEmpty();
      assertThat(messenger.sent).isEmpty();
      assertThat(unlink.deferredAs).as("answered at once, never a public thinking").isNull();
      assertThat(relink.deferredAs).isNull();
      assertThat(unlink.replies)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
      assertThat(relink.replies)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(LinkCommand.NOT_YOURS)));
    }

    @Test
    void theStatusButtonsFitDiscordsIdRules() {
      Reply status = LinkCommand.status(Texts.ENGLISH, store.links.get("42"));

      assertThat(status.buttons())
          .extracting(b -> ((Reply.ActionButton) b).id())
          .allSatisfy(id -> assertThat(id).startsWith("link:").hasSizeLessThan(101));
    }

    @Test
    void aButtonOfLinkThatIsNoMoreIsRefusedPolitely() {
      RecordingCall.Click click = RecordingCall.click("42", "link:rename:42");

      press(click);

      assertThat(click.deferredAs).isNull();
      assertThat(click.replies).containsExactly(Reply.privately("This button no longer works."));
      assertThat(store.links).containsKey("42");
    }
  }
}
