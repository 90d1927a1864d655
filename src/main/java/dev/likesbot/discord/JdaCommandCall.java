package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CommandCall} over JDA; every request is queued, never awaited. */
final class JdaCommandCall implements CommandCall {
  private static final Logger log = LoggerFactory.getLogger(JdaCommandCall.class);

  private final SlashCommandInteractionEvent event;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final Metrics.Stopwatch untilReply;
  private volatile boolean deferred;
  private volatile boolean deferredEphemeral;

  JdaCommandCall(SlashCommandInteractionEvent event, Metrics.Stopwatch untilReply) {
    this.event = event;
    this.untilReply = untilReply;
  }

  @Override
  public String userId() {
    return event.getUser().getId();
  }

  @Override
  public String userName() {
    return event.getMember() != null
        ? event.getMember().getEffectiveName()
        : event.getUser().getEffectiveName();
  }

  @Override
  public Optional<String> subcommand() {
    return Optional.ofNullable(event.getSubcommandName());
  }

  @Override
  public Optional<Boolean> booleanOption(String name) {
    return Optional.ofNullable(event.getOption(name, OptionMapping::getAsBoolean));
  }

  @Override
  public Optional<Long> integerOption(String name) {
    return Optional.ofNullable(event.getOption(name, OptionMapping::getAsLong));
  }

  @Override
  public void defer(boolean ephemeral) {
    if (deferred || answered.get()) {
      return;
    }
    deferred = true;
    deferredEphemeral = ephemeral;
    event.deferReply(ephemeral).queue(null, e -> failed("acknowledge", e));
  }

  @Override
  public void reply(Reply reply) {
    if (!answered.compareAndSet(false, true)) {
      log.warn("/{} answered twice; the second answer is dropped", event.getName());
      return;
    }
    untilReply.stop();
    if (!deferred) {
      event
          .reply(JdaMessages.create(reply))
          .setEphemeral(reply.ephemeral())
          .queue(null, e -> failed("reply", e));
    } else if (reply.ephemeral() && !deferredEphemeral) {
      // A public "thinking…" cannot turn private: remove it and answer privately instead.
      event.getHook().deleteOriginal().queue(null, e -> failed("remove the placeholder", e));
      event
          .getHook()
          .sendMessage(JdaMessages.create(reply))
          .setEphemeral(true)
          .queue(null, e -> failed("reply", e));
    } else {
      event.getHook().editOriginal(JdaMessages.edit(reply)).queue(null, e -> failed("reply", e));
    }
  }

  /** Answers with {@code reply} unless the command already answered. */
  void replyIfUnanswered(Reply reply) {
    if (!answered.get()) {
      reply(reply);
    }
  }

  private void failed(String what, Throwable e) {
    log.warn("Could not {} to /{}: {}", what, event.getName(), e.toString());
  }
}
