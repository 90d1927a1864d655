package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.text.MemberLocales;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every slash command, button click and form submit takes. On JDA's event thread it
 * finds the feature, lets it acknowledge and applies the member's limit; a use the limit holds back
 * waits on the limiter's timer, not on a worker. On the worker pool it checks the member's link,
 * runs the feature and answers what the feature let through: a lost link or Spotify's trouble in
 * words the member can act on, anything else as our failure. At a stop, new and still waiting uses
 * are told the bot is restarting.
 */
public final class InteractionPipeline {
  private static final Logger log = LoggerFactory.getLogger(InteractionPipeline.class);
  static final String BUSY = "pipeline.busy";
  static final String RESTARTING = "pipeline.restarting";
  static final String COMMAND_GONE = "pipeline.commandGone";
  static final String BUTTON_GONE = "pipeline.buttonGone";
  static final String FORM_GONE = "pipeline.formGone";

  private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

  private final Map<String, SlashCommand> features;
  private final LinkCheck links;
  private final Executor workers;
  private final MemberLimiter limiter;
  private final Metrics metrics;
  private final ErrorReplies errors;
  private final MemberLocales locales;
  private final CommandMentions commands = new CommandMentions();

  /** Acknowledged work that has not started: held by the limiter or in the worker queue. */
  private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();

  private volatile boolean draining;

  /**
   * @param errors what members are told about failures, naming the bot's owner
   * @param locales where each member's language is remembered for the DMs that come later
   */
  public InteractionPipeline(
      List<SlashCommand> features,
      LinkCheck links,
      Executor workers,
      MemberLimiter limiter,
      Metrics metrics,
      ErrorReplies errors,
      MemberLocales locales) {
    this.errors = errors;
    this.locales = locales;
    this.features =
        features.stream()
            .collect(
                Collectors.toMap(
                    f -> f.spec().name(),
                    Function.identity(),
                    (a, b) -> {
                      throw new IllegalArgumentException("two commands named " + a.spec().name());
                    },
                    LinkedHashMap::new));
    this.links = links;
    this.workers = workers;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  /** What members are told about failures; JDA's replies fall back to its generic error. */
  ErrorReplies errors() {
    return errors;
  }

  /** Where replies learn the registered commands' ids, to name them as tappable mentions. */
  CommandMentions commands() {
    return commands;
  }

  /** What to register with Discord. */
  List<CommandSpec> specs() {
    return features.values().stream().map(SlashCommand::spec).toList();
  }

  static String goingFast(Interaction call, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return call.texts().get("pipeline.goingFast", seconds);
  }

  /**
   * A slash command arrives: {@code fullName} names it with its subcommand, e.g. "likes count";
   * {@code call} is made with the stopwatch that times it until its reply.
   */
  public void command(
      String name, String fullName, Function<Metrics.Stopwatch, ? extends CommandCall> call) {
    SlashCommand feature = features.get(name);
    // Only registered commands become labels: a stale command's name is not ours to count.
    String label = feature == null ? "unknown" : fullName;
    CommandCall c = call.apply(metrics.startReply(label));
    take(
        new Use(
            label,
            "/" + name,
            c,
            feature,
            feature == null ? SlashCommand.Checks.NONE : feature.checks(),
            COMMAND_GONE,
            () -> {
              feature.acknowledge(c);
              return SlashCommand.Ack.DEFERRED;
            },
            () -> feature.handleLater(c)));
  }

  /** A click on a button with id {@code buttonId} arrives; as {@link #command}. */
  public void click(String buttonId, Function<Metrics.Stopwatch, ? extends ButtonCall> call) {
    SlashCommand feature = owner(buttonId);
    List<String> args = args(buttonId);
    // Only registered features become labels: a button id is free text.
    String label = "button " + (feature == null ? "unknown" : feature.spec().name());
    ButtonCall c = call.apply(metrics.startReply(label));
    take(
        new Use(
            label,
            "a button click",
            c,
            feature,
            feature == null ? SlashCommand.Checks.NONE : feature.clickChecks(args),
            BUTTON_GONE,
            () -> feature.acknowledgeClick(c, args),
            () -> {
              feature.onButtonClick(c, args);
              return DONE;
            }));
  }

  /**
   * A form with id {@code modalId} is submitted; as {@link #click}, with the feature's modal
   * checks.
   */
  public void modal(String modalId, Function<Metrics.Stopwatch, ? extends ModalCall> call) {
    SlashCommand feature = owner(modalId);
    List<String> args = args(modalId);
    String label = "form " + (feature == null ? "unknown" : feature.spec().name());
    ModalCall c = call.apply(metrics.startReply(label));
    take(
        new Use(
            label,
            "a form",
            c,
            feature,
            feature == null ? SlashCommand.Checks.NONE : feature.modalChecks(),
            FORM_GONE,
            () -> feature.acknowledgeModal(c, args),
            () -> {
              feature.onModalSubmit(c, args);
              return DONE;
            }));
  }

  /** The feature named before the id's first colon; null when none is. */
  private SlashCommand owner(String componentId) {
    int colon = componentId.indexOf(':');
    return colon < 1 ? null : features.get(componentId.substring(0, colon));
  }

  private static List<String> args(String componentId) {
    return List.of(componentId.substring(componentId.indexOf(':') + 1).split(":"));
  }

  /**
   * From now on every command and click is told the bot is restarting, and so is every one still
   * held or queued; work in flight goes on.
   */
  public void stopTaking() {
    draining = true;
    waiting.forEach(Waiting::turnAway);
  }

  /** On JDA's event thread: acknowledge, then the member's limit, then the worker queue. */
  private void take(Use use) {
    if (draining) {
      answer(use, say(use, RESTARTING), "restarting");
      return;
    }
    if (use.feature() == null) {
      answer(use, say(use, use.gone()), "unknown");
      return;
    }
    SlashCommand.Ack ack = use.acknowledge().get();
    if (ack == SlashCommand.Ack.GONE) {
      answer(use, say(use, use.gone()), "ok");
      return;
    }
    if (ack == SlashCommand.Ack.ANSWERED) {
      metrics.commandFinished(use.label(), "ok");
      return;
    }
    MemberLimiter.Admission admission =
        use.checks().limited()
            ? limiter.admit(use.call().userId())
            : new MemberLimiter.Admission.Now();
    if (admission instanceof MemberLimiter.Admission.Refused refused) {
      metrics.memberLimited("refused");
      answer(use, goingFast(use.call(), refused.retryAfter()), "limited");
      return;
    }
    Waiting work = new Waiting(use);
    waiting.add(work);
    if (draining) {
      work.turnAway(); // a stop began while this call arrived
      return;
    }
    if (admission instanceof MemberLimiter.Admission.Held held) {
      metrics.memberLimited("delayed");
      try {
        limiter.hold(held.delay(), () -> enqueue(work));
      } catch (RejectedExecutionException e) {
        work.turnAway(); // the limiter's timer stops only with the bot
      }
    } else {
      enqueue(work);
    }
  }

  private void enqueue(Waiting work) {
    try {
      workers.execute(work);
    } catch (RejectedExecutionException e) {
      if (draining) {
        work.turnAway();
      } else {
        log.warn(
            "Worker queue full; {} from {} turned away", work.use.what(), work.use.call().userId());
        work.answer(say(work.use, BUSY), "busy");
      }
    }
  }

  /** On a worker: the link check, the feature's work and the answer to what it let through. */
  private void run(Use use) {
    String user = use.call().userId();
    try {
      locales.remember(user, use.call().locale());
      if (use.checks().needsLink() && !links.isLinked().test(user)) {
        use.call()
            .reply(
                Reply.privately(
                    ErrorReplies.notLinked(use.call().texts(), commands.of(ErrorReplies.LINK))));
        metrics.commandFinished(use.label(), "ok");
      } else {
        use.handle()
            .get()
            .whenComplete(
                (ok, e) -> {
                  if (e == null) {
                    metrics.commandFinished(use.label(), "ok");
                  } else {
                    failed(use, unwrap(e));
                  }
                });
      }
    } catch (RuntimeException e) {
      failed(use, e);
    }
  }

  private static RuntimeException unwrap(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof RuntimeException r ? r : new CompletionException(cause);
  }

  /** A feature failed: what the member can act on is explained, anything else gets an id. */
  private void failed(Use use, RuntimeException e) {
    String user = use.call().userId();
    Optional<String> explained = errors.explain(use.call().texts(), e, user, links, commands);
    if (explained.isPresent()) {
      answer(use, explained.get(), "ok");
    } else {
      String id = errors.newId();
      log.error("{} for user {} failed (error {})", use.label(), user, id, e);
      use.call().replyIfUnanswered(Reply.privately(errors.failed(use.call().texts(), id)));
      metrics.commandFinished(use.label(), "failed");
    }
  }

  /**
   * One command, click or form submit as it arrives: its metric label, its name in logs, the call,
   * the feature it routes to (null when none), the checks it needs, what to say when the feature
   * does not take it (a text's key), and the feature's two steps for it.
   */
  private record Use(
      String label,
      String what,
      Interaction call,
      SlashCommand feature,
      SlashCommand.Checks checks,
      String gone,
      Supplier<SlashCommand.Ack> acknowledge,
      Supplier<CompletionStage<?>> handle) {}

  /** The text {@code key} in the language of the member behind {@code use}. */
  private static String say(Use use, String key) {
    return use.call().texts().get(key);
  }

  private void answer(Use use, String text, String outcome) {
    use.call().reply(Reply.privately(text));
    metrics.commandFinished(use.label(), outcome);
  }

  /**
   * One acknowledged use that has not started yet. Exactly one of running it and answering it
   * otherwise (restarting, busy) wins, so a use turned away at a stop never runs as well.
   */
  private final class Waiting implements Runnable {
    private final Use use;
    private final AtomicBoolean taken = new AtomicBoolean();

    Waiting(Use use) {
      this.use = use;
    }

    @Override
    public void run() {
      if (take()) {
        InteractionPipeline.this.run(use);
      }
    }

    void turnAway() {
      answer(say(use, RESTARTING), "restarting");
    }

    void answer(String text, String outcome) {
      if (take()) {
        InteractionPipeline.this.answer(use, text, outcome);
      }
    }

    private boolean take() {
      if (!taken.compareAndSet(false, true)) {
        return false;
      }
      waiting.remove(this);
      return true;
    }
  }
}
