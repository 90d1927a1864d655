package dev.likesbot.discord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes slash commands by name to their handlers and runs them on the worker pool, so JDA's event
 * thread only ever hands work over.
 */
final class CommandRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
  static final String BUSY = "The bot is busy right now — try again in a moment.";
  static final String FAILED =
      "Something went wrong on our side. Try again; if it keeps happening, tell the bot's operator.";

  private final Map<String, SlashCommand> commands;
  private final Executor workers;

  CommandRouter(List<SlashCommand> commands, Executor workers) {
    this.commands =
        commands.stream().collect(Collectors.toMap(c -> c.spec().name(), Function.identity()));
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
    try {
      workers.execute(() -> run(command, call));
    } catch (RejectedExecutionException e) {
      log.warn("Worker queue full; /{} from {} turned away", event.getName(), call.userId());
      call.reply(Reply.privately(BUSY));
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
