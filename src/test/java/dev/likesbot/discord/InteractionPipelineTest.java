package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.logging.ErrorIds;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.NoLocales;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.testing.RecordingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InteractionPipelineTest {
  private static final String FAILED =
      "Something went wrong on our side. Try again; if it keeps happening, tell the bot's owner"
          + " (error id 00000000).";
  private static final String RESTARTING = "The bot is restarting — try again in a moment.";

  private final FakeTime time = new FakeTime();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final List<Runnable> queue = new ArrayList<>();
  private final List<String> linked = new ArrayList<>(List.of("42"));
  private final MemberLimiter limiter =
      new MemberLimiter(1, Duration.ofMinutes(1), Duration.ofMinutes(1), time);

  /** What the features' work does; by default it answers "done". */
  private Consumer<Interaction> work = call -> call.reply(Reply.privately("done"));

  private final List<String> ran = new ArrayList<>();

  @AfterEach
  void stopTheLimitersTimer() {
    limiter.close();
  }

  private InteractionPipeline pipeline(Executor workers, MemberLimiter limiter) {
    return new InteractionPipeline(
        List.of(new Feature("plain", SlashCommand.Checks.NONE), new Feature("spotify")),
        new LinkCheck(linked::contains, Unlinked.class),
        workers,
        limiter,
        metrics,
        // No owner known, and every error id 00000000, so the texts are exact.
        new ErrorReplies(TestPipeline.nobody(), new ErrorIds(() -> 0L, id -> {})),
        NoLocales.memberLocales());
  }

  /** Work waits in {@link #queue}; a member's second use of Spotify within a minute is held. */
  private InteractionPipeline queued() {
    return pipeline(queue::add, limiter);
  }

  /** Work runs at once, without a limit. */
  private InteractionPipeline direct() {
    return pipeline(Runnable::run, MemberLimiter.off());
  }

  private static RecordingCall.Command command(InteractionPipeline pipeline, String name) {
    RecordingCall.Command call = RecordingCall.command("42", null);
    pipeline.command(name, name, untilReply -> call);
    return call;
  }

  private static RecordingCall.Click click(InteractionPipeline pipeline, String id) {
    RecordingCall.Click call = RecordingCall.click("42", id);
    pipeline.click(id, untilReply -> call);
    return call;
  }

  @Test
  void commandsAndClicksAreAcknowledgedOnArrivalAndRunLaterOnAWorker() {
    InteractionPipeline pipeline = queued();

    RecordingCall.Command command = command(pipeline, "plain");
    RecordingCall.Click click = click(pipeline, "plain:go:42");

    assertThat(command.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(click.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(ran).isEmpty();

    queue.forEach(Runnable::run);

    assertThat(ran).containsExactly("plain command", "plain click [go, 42]");
    assertThat(command.replies).containsExactly(Reply.privately("done"));
    assertThat(click.replies).containsExactly(Reply.privately("done"));
    assertThat(metrics.events).containsExactly("command plain ok", "command button plain ok");
  }

  @Test
  void whatWaitsAtAStopIsToldTheBotIsRestartingAndNeverRuns() {
    InteractionPipeline pipeline = queued();
    RecordingCall.Command command = command(pipeline, "plain");
    RecordingCall.Click click = click(pipeline, "spotify:go:42");

    pipeline.stopTaking();
    queue.forEach(Runnable::run);

    assertThat(ran).isEmpty();
    assertThat(command.replies).containsExactly(Reply.privately(RESTARTING));
    assertThat(click.replies).containsExactly(Reply.privately(RESTARTING));
    assertThat(metrics.events)
        .containsExactlyInAnyOrder("command plain restarting", "command button spotify restarting");
  }

  @Test
  void aUseTheLimitHoldsBackIsToldTheBotIsRestartingAtAStop() {
    InteractionPipeline pipeline = queued();
    command(pipeline, "spotify");
    RecordingCall.Click held = click(pipeline, "spotify:go:42");

    assertThat(metrics.events).contains("member limit delayed");
    assertThat(queue).as("the held click waits on the limiter's timer, not on a worker").hasSize(1);
    pipeline.stopTaking();

    assertThat(held.replies).containsExactly(Reply.privately(RESTARTING));
  }

  @Test
  void afterAStopNewUsesAreToldTheBotIsRestartingWithoutBeingAcknowledged() {
    InteractionPipeline pipeline = queued();
    pipeline.stopTaking();

    RecordingCall.Command command = command(pipeline, "plain");
    RecordingCall.Click click = click(pipeline, "plain:go:42");

    assertThat(command.deferredAs).isNull();
    assertThat(click.deferredAs).isNull();
    assertThat(command.replies).containsExactly(Reply.privately(RESTARTING));
    assertThat(click.replies).containsExactly(Reply.privately(RESTARTING));
    assertThat(queue).isEmpty();
  }

  @Test
  void aFullWorkerQueueSaysTheBotIsBusy() {
    InteractionPipeline pipeline =
        pipeline(
            r -> {
              throw new RejectedExecutionException("full");
            },
            limiter);

    RecordingCall.Command command = command(pipeline, "plain");

    assertThat(command.replies)
        .containsExactly(Reply.privately("The bot is busy right now — try again in a moment."));
    assertThat(metrics.events).containsExactly("command plain busy");
  }

  @Test
  void aMemberGoingTooFastIsToldWhenToTryAgainOnlyByFeaturesThatCallSpotify() {
    MemberLimiter strict = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);
    InteractionPipeline pipeline = pipeline(Runnable::run, strict);

    command(pipeline, "spotify");
    RecordingCall.Click refused = click(pipeline, "spotify:go:42");
    RecordingCall.Command plain = command(pipeline, "plain");

    assertThat(refused.replies)
        .containsExactly(Reply.privately("You're going fast — try again in 60 s."));
    assertThat(plain.replies).containsExactly(Reply.privately("done"));
    assertThat(metrics.events).contains("member limit refused", "command button spotify limited");
  }

  @Test
  void unknownCommandsAndButtonsAreAnsweredPrivatelyAndCountedAsUnknown() {
    InteractionPipeline pipeline = direct();

    RecordingCall.Command command = command(pipeline, "gone");
    RecordingCall.Click click = click(pipeline, "gone:go:42");
    RecordingCall.Click noPrefix = click(pipeline, "plain");

    assertThat(command.replies)
        .containsExactly(Reply.privately("This command is no longer supported."));
    assertThat(click.replies).containsExactly(Reply.privately("This button no longer works."));
    assertThat(noPrefix.replies).containsExactly(Reply.privately("This button no longer works."));
    assertThat(metrics.events)
        .containsExactly(
            "command unknown unknown",
            "command button unknown unknown",
            "command button unknown unknown");
  }

  @Test
  void aButtonItsFeatureNoLongerKnowsIsRefusedPolitely() {
    RecordingCall.Click click = click(direct(), "plain:old:42");

    assertThat(click.deferredAs).isNull();
    assertThat(click.replies).containsExactly(Reply.privately("This button no longer works."));
    assertThat(ran).isEmpty();
  }

  @Test
  void anUnlinkedMemberIsAskedToLinkBeforeWorkOnTheirSpotifyButNotElsewhere() {
    linked.clear();
    InteractionPipeline pipeline = direct();

    RecordingCall.Command spotify = command(pipeline, "spotify");
    RecordingCall.Click click = click(pipeline, "spotify:go:42");
    RecordingCall.Command plain = command(pipeline, "plain");

    String link = "Link your Spotify account first with /link.";
    assertThat(spotify.replies).containsExactly(Reply.privately(link));
    assertThat(click.replies).containsExactly(Reply.privately(link));
    assertThat(plain.replies).containsExactly(Reply.privately("done"));
    assertThat(ran).containsExactly("plain command");
  }

  @Test
  void aLinkThatEndsWhileTheWorkRunsAsksToLinkAgain() {
    work =
        call -> {
          throw new Unlinked();
        };

    RecordingCall.Command call = command(direct(), "spotify");

    assertThat(call.replies)
        .containsExactly(Reply.privately("Link your Spotify account first with /link."));
    assertThat(metrics.events).containsExactly("command spotify ok");
  }

  @Test
  void spotifysTroubleIsExplainedInWordsTheMemberCanActOnForCommandsAndClicksAlike() {
    Map<SpotifyException, String> texts =
        Map.of(
            new SpotifyException(SpotifyException.Reason.REVOKED, "invalid_grant"),
            "Your Spotify link expired or was revoked — run /link again.",
            new SpotifyException(SpotifyException.Reason.UNAUTHORIZED, "401"),
            "Your Spotify link expired or was revoked — run /link again.",
            new SpotifyException(
                SpotifyException.Reason.RATE_LIMITED, "429", Duration.ofMillis(300), null),
            "Spotify is rate-limiting this bot — try again in 1 s.",
            new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "HTTP 503 secret?"),
            "Spotify is having trouble — try again shortly.",
            new SpotifyException(SpotifyException.Reason.QUOTA_EXCEEDED, "429"),
            "This bot has used up its Spotify request quota for now — try again later. If it"
                + " lasts, tell the bot's owner.",
            new SpotifyException(SpotifyException.Reason.FORBIDDEN, "403"),
            "Spotify refused access to your account: this bot's Spotify app lets in only the"
                + " accounts its owner added. Send the bot's owner the e-mail address of your"
                + " Spotify account, to add to the app's users in the Spotify developer"
                + " dashboard.",
            new SpotifyException(SpotifyException.Reason.REJECTED, "400"),
            "Something went wrong talking to Spotify. Try again; if it keeps happening, tell the"
                + " bot's owner (error id 00000000).");
    InteractionPipeline pipeline = direct();
    texts.forEach(
        (failure, text) -> {
          work =
              call -> {
                throw failure;
              };

          assertThat(command(pipeline, "plain").replies).containsExactly(Reply.privately(text));
          assertThat(click(pipeline, "plain:go:42").replies).containsExactly(Reply.privately(text));
        });
  }

  @Test
  void aFailureOfOursIsTheGenericErrorUnlessTheWorkHadAnswered() {
    work =
        call -> {
          throw new IllegalStateException("bug");
        };
    RecordingCall.Command failed = command(direct(), "plain");
    work =
        call -> {
          call.reply(Reply.privately("done"));
          throw new IllegalStateException("bug after the answer");
        };
    RecordingCall.Click answered = click(direct(), "plain:go:42");

    assertThat(failed.replies).containsExactly(Reply.privately(FAILED));
    assertThat(answered.replies).containsExactly(Reply.privately("done"));
    assertThat(metrics.events)
        .containsExactly("command plain failed", "command button plain failed");
  }

  /** The feature's "link ended" failure, as the link owner would throw it. */
  private static final class Unlinked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A feature with a command and a "go" button; its work is the test's {@link #work}. */
  private final class Feature implements SlashCommand {
    private final String name;
    private final Checks checks;

    Feature(String name, Checks checks) {
      this.name = name;
      this.checks = checks;
    }

    Feature(String name) {
      this(name, Checks.SPOTIFY);
    }

    @Override
    public CommandSpec spec() {
      return CommandSpec.of(name, "A test feature");
    }

    @Override
    public Checks checks() {
      return checks;
    }

    @Override
    public void handle(CommandCall call) {
      ran.add(name + " command");
      work.accept(call);
    }

    @Override
    public Ack acknowledgeClick(ButtonCall call, List<String> args) {
      if (!args.get(0).equals("go")) {
        return Ack.GONE;
      }
      call.defer(false, true);
      return Ack.DEFERRED;
    }

    @Override
    public void onButtonClick(ButtonCall call, List<String> args) {
      ran.add(name + " click " + args);
      work.accept(call);
    }
  }
}
