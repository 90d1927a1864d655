package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.testing.RecordingMetrics;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Form (modal) submits take the pipeline's one path, as commands and clicks do. */
class ModalPipelineTest {
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor workers = queued::add;
  private final List<String> handled = new ArrayList<>();

  /** A feature whose forms need a link and count against the limit, unlike its command. */
  private final SlashCommand feature =
      new SlashCommand() {
        @Override
        public CommandSpec spec() {
          return CommandSpec.of("pick", "Picks");
        }

        @Override
        public void handle(CommandCall call) {}

        @Override
        public Checks modalChecks() {
          return Checks.SPOTIFY;
        }

        @Override
        public Ack acknowledgeModal(ModalCall call, List<String> args) {
          if (!args.get(0).equals("form")) {
            return Ack.GONE;
          }
          call.defer(true);
          return Ack.DEFERRED;
        }

        @Override
        public void onModalSubmit(ModalCall call, List<String> args) {
          handled.add(args + " " + call.value("text").orElse(""));
          call.reply(Reply.privately("done"));
        }
      };

  private InteractionPipeline pipeline(MemberLimiter limiter, List<String> linked) {
    return TestPipeline.of(
        List.of(feature),
        new LinkCheck(linked::contains, IllegalStateException.class),
        workers,
        limiter,
        metrics);
  }

  @Test
  void aSubmitIsAcknowledgedOnArrivalAndWorkedOnAWorkerAnsweringOnce() {
    RecordingCall.Submit submit = submit("42", "pick:form:7", "hello");
    pipeline(MemberLimiter.off(), List.of("42")).modal(submit.modalId(), w -> submit);

    assertThat(submit.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(submit.replies).as("nothing before a worker runs it").isEmpty();
    queued.forEach(Runnable::run);

    assertThat(handled).containsExactly("[form, 7] hello");
    assertThat(submit.replies).containsExactly(Reply.privately("done"));
    assertThat(metrics.events).contains("command form pick ok");
  }

  @Test
  void aSubmitOfNoFeatureOrAFormItNoLongerHasIsToldTheFormNoLongerWorks() {
    RecordingCall.Submit unknown = submit("42", "nope:form", "x");
    RecordingCall.Submit gone = submit("42", "pick:old", "x");
    InteractionPipeline pipeline = pipeline(MemberLimiter.off(), List.of("42"));

    pipeline.modal(unknown.modalId(), w -> unknown);
    pipeline.modal(gone.modalId(), w -> gone);

    assertThat(unknown.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(InteractionPipeline.FORM_GONE)));
    assertThat(gone.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(InteractionPipeline.FORM_GONE)));
    assertThat(metrics.events).contains("command form unknown unknown");
    assertThat(queued).isEmpty();
  }

  @Test
  void theFeaturesModalChecksApplyTheLinkAndTheLimit() {
    FakeTime time = new FakeTime();
    InteractionPipeline pipeline =
        pipeline(new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time), List.of("42"));
    RecordingCall.Submit notLinked = submit("43", "pick:form:1", "x");
    RecordingCall.Submit first = submit("42", "pick:form:1", "x");
    RecordingCall.Submit second = submit("42", "pick:form:1", "x");

    pipeline.modal(notLinked.modalId(), w -> notLinked);
    pipeline.modal(first.modalId(), w -> first);
    pipeline.modal(second.modalId(), w -> second);
    queued.forEach(Runnable::run);

    assertThat(notLinked.replies)
        .containsExactly(Reply.privately(ErrorReplies.notLinked(Texts.ENGLISH, "/link")));
    assertThat(first.replies).containsExactly(Reply.privately("done"));
    assertThat(second.replies)
        .singleElement()
        .satisfies(r -> assertThat(r.content()).startsWith("You're going fast"));
  }

  @Test
  void aSubmitDuringAStopIsToldTheBotIsRestarting() {
    InteractionPipeline pipeline = pipeline(MemberLimiter.off(), List.of("42"));
    pipeline.stopTaking();
    RecordingCall.Submit submit = submit("42", "pick:form:1", "x");

    pipeline.modal(submit.modalId(), w -> submit);

    assertThat(submit.replies)
        .containsExactly(Reply.privately(Texts.ENGLISH.get(InteractionPipeline.RESTARTING)));
    assertThat(handled).isEmpty();
  }

  /** Member {@code userId} submits {@code modalId} with {@code text} in its one input. */
  private static RecordingCall.Submit submit(String userId, String modalId, String text) {
    return RecordingCall.submit(userId, modalId, Map.of("text", text));
  }
}
