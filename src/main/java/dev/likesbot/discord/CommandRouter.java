package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes slash commands by name and button clicks by id prefix to their handlers and runs them on
 * the worker pool, so JDA's event thread only ever hands work over.
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
  private final Metrics metrics;
  private volatile boolean draining;

  CommandRouter(
      List<SlashCommand> commands, List<ButtonHandler> buttons, Executor workers, Metrics metrics) {
    this.metrics = metrics;
    this.commands =
        commands.stream().collect(Collectors.toMap(c -> c.spec().name(), Function.identity()));
    this.buttons =
        buttons.stream().collect(Collectors.toMap(ButtonHandler::prefix, Function.identity()));
    this.workers = workers;
  }

  /** From now on every command and click is told the bot is restarting; work in flight goes on. */
  void stopTaking() {
    draining = true;
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
    try {
      workers.execute(() -> run(command, name, call));
    } catch (RejectedExecutionException e) {
      log.warn("Worker queue full; /{} from {} turned away", name, call.userId());
      call.reply(Reply.privately(BUSY));
      metrics.commandFinished(name, "busy");
    }
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
    try {
      workers.execute(() -> run(handler, name, call));
    } catch (RejectedExecutionException e) {
      log.warn("Worker queue full; a button click from {} turned away", call.userId());
      call.reply(Reply.privately(BUSY));
      metrics.commandFinished(name, "busy");
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
}
