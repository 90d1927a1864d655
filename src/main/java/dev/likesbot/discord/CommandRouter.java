package dev.likesbot.discord;

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
  static final String FAILED =
      "Something went wrong on our side. Try again; if it keeps happening, tell the bot's operator.";

  private final Map<String, SlashCommand> commands;
  private final Map<String, ButtonHandler> buttons;
  private final Executor workers;

  CommandRouter(List<SlashCommand> commands, List<ButtonHandler> buttons, Executor workers) {
    this.commands =
        commands.stream().collect(Collectors.toMap(c -> c.spec().name(), Function.identity()));
    this.buttons =
        buttons.stream().collect(Collectors.toMap(ButtonHandler::prefix, Function.identity()));
    this.workers = workers;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    SlashCommand command = commands.get(event.getName());
    if (command == null) {
      event.reply("This command is no longer supported.").setEphemeral(true).queue();
      return;
    }
    JdaCommandCall call = new JdaCommandCall(event);
    command.acknowledge(call);
    try {
      workers.execute(() -> run(command, call));
    } catch (RejectedExecutionException e) {
      log.warn("Worker queue full; /{} from {} turned away", event.getName(), call.userId());
      call.reply(Reply.privately(BUSY));
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    ButtonHandler handler = buttons.get(id.substring(0, Math.max(0, id.indexOf(':'))));
    if (handler == null) {
      event.reply("This button no longer works.").setEphemeral(true).queue();
      return;
    }
    JdaButtonCall call = new JdaButtonCall(event);
    try {
      workers.execute(() -> run(handler, call));
    } catch (RejectedExecutionException e) {
      log.warn("Worker queue full; a button click from {} turned away", call.userId());
      call.reply(Reply.privately(BUSY));
    }
  }

  private static void run(ButtonHandler handler, JdaButtonCall call) {
    try {
      handler.handle(call);
    } catch (RuntimeException e) {
      log.error("Button {} for user {} failed", handler.prefix(), call.userId(), e);
      call.replyIfUnanswered(Reply.privately(FAILED));
    }
  }

  private static void run(SlashCommand command, JdaCommandCall call) {
    try {
      command.handle(call);
    } catch (RuntimeException e) {
      log.error("/{} for user {} failed", command.spec().name(), call.userId(), e);
      call.replyIfUnanswered(Reply.privately(FAILED));
    }
  }
}
