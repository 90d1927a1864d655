package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes slash commands by name and button clicks by id prefix to their handlers. On JDA's event
 * thread it only acknowledges, applies the member's limit and hands over: the handlers run on the
 * worker pool, and a use the limit holds back waits on the limiter's timer, not on a worker.
 */
final class CommandRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
  static final String BUSY = "The bot is busy right now — try again in a moment.";
  static final String RESTARTING = "The bot is restarting — try again in a moment.";
  static final String FAILED =
      "Something went wrong on our side. Try again; if it keeps happening, tell the bot's operator.";

  private final Map<String, SlashCommand> commands;
  private final Map<String, ButtonHandler> buttons;
  private final Executor workers;
  private final MemberLimiter limiter;
  private final Metrics metrics;

  /** Acknowledged work that has not started: held by the limiter or in the worker queue. */
  private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();

  private volatile boolean draining;

  CommandRouter(
      List<SlashCommand> commands,
      List<ButtonHandler> buttons,
      Executor workers,
      MemberLimiter limiter,
      Metrics metrics) {
    this.metrics = metrics;
    this.commands =
        commands.stream().collect(Collectors.toMap(c -> c.spec().name(), Function.identity()));
    this.buttons =
        buttons.stream().collect(Collectors.toMap(ButtonHandler::prefix, Function.identity()));
    this.workers = workers;
    this.limiter = limiter;
  }

  static String goingFast(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return "You're going fast — try again in " + seconds + " s.";
  }

  /**
   * From now on every command and click is told the bot is restarting, and so is every one still
   * held or queued; work in flight goes on.
   */
  void stopTaking() {
    draining = true;
    waiting.forEach(Waiting::turnAway);
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommand command = commands.get(event.getName());
    // Only registered commands become labels: a stale command's name is not ours to count.
    String name = command == null ? "unknown" : event.getFullCommandName();
    JdaCommandCall call = new JdaCommandCall(event, metrics.startReply(name));
    if (draining) {
      call.reply(Reply.privately(RESTARTING));
      metrics.commandFinished(name, "restarting");
      return;
    }
    if (command == null) {
      call.reply(Reply.privately("This command is no longer supported."));
      metrics.commandFinished(name, "unknown");
      return;
    }
    command.acknowledge(call);
    hand(
        new Waiting(name, "/" + name, call.userId(), () -> run(command, name, call), call::reply),
        command.limited());
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    ButtonHandler handler = buttons.get(id.substring(0, Math.max(0, id.indexOf(':'))));
    // Only registered prefixes become labels: a button id is free text.
    String name = "button " + (handler == null ? "unknown" : handler.prefix());
    JdaButtonCall call = new JdaButtonCall(event, metrics.startReply(name));
    if (draining) {
      call.reply(Reply.privately(RESTARTING));
      metrics.commandFinished(name, "restarting");
      return;
    }
    if (handler == null) {
      call.reply(Reply.privately("This button no longer works."));
      metrics.commandFinished(name, "unknown");
      return;
    }
    if (handler.acknowledge(call) == ButtonHandler.Ack.ANSWERED) {
      metrics.commandFinished(name, "ok");
      return;
    }
    hand(
        new Waiting(
            name, "a button click", call.userId(), () -> run(handler, name, call), call::reply),
        handler.limited());
  }

  /** The one place an acknowledged call meets the member's limit and then the worker queue. */
  private void hand(Waiting work, boolean limited) {
    MemberLimiter.Admission admission =
        limited ? limiter.admit(work.userId) : new MemberLimiter.Admission.Now();
    if (admission instanceof MemberLimiter.Admission.Refused refused) {
      metrics.memberLimited("refused");
      work.answer(goingFast(refused.retryAfter()), "limited");
      return;
    }
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
        log.warn("Worker queue full; {} from {} turned away", work.what, work.userId);
        work.answer(BUSY, "busy");
      }
    }
  }

  private void run(ButtonHandler handler, String name, JdaButtonCall call) {
    try {
      handler.handle(call);
      metrics.commandFinished(name, "ok");
    } catch (RuntimeException e) {
      log.error("Button {} for user {} failed", handler.prefix(), call.userId(), e);
      call.replyIfUnanswered(Reply.privately(FAILED));
      metrics.commandFinished(name, "failed");
    }
  }

  private void run(SlashCommand command, String name, JdaCommandCall call) {
    try {
      command.handle(call);
      metrics.commandFinished(name, "ok");
    } catch (RuntimeException e) {
      log.error("/{} for user {} failed", name, call.userId(), e);
      call.replyIfUnanswered(Reply.privately(FAILED));
      metrics.commandFinished(name, "failed");
    }
  }

  /**
   * One acknowledged call that has not started yet. Exactly one of running it and answering it
   * otherwise (restarting, busy) wins, so a call turned away at a stop never runs as well.
   */
  private final class Waiting implements Runnable {
    private final String name;
    private final String what;
    private final String userId;
    private final Runnable work;
    private final Consumer<Reply> reply;
    private final AtomicBoolean taken = new AtomicBoolean();

    Waiting(String name, String what, String userId, Runnable work, Consumer<Reply> reply) {
      this.name = name;
      this.what = what;
      this.userId = userId;
      this.work = work;
      this.reply = reply;
    }

    @Override
    public void run() {
      if (take()) {
        work.run();
      }
    }

    void turnAway() {
      answer(RESTARTING, "restarting");
    }

    void answer(String text, String outcome) {
      if (take()) {
        reply.accept(Reply.privately(text));
        metrics.commandFinished(name, outcome);
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
