package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ButtonCall} over JDA; every request is queued, never awaited. */
final class JdaButtonCall implements ButtonCall {
  private static final Logger log = LoggerFactory.getLogger(JdaButtonCall.class);

  private final ButtonInteractionEvent event;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final Metrics.Stopwatch untilReply;
  private volatile boolean deferred;
  private volatile boolean deferredUpdate;
  private volatile boolean deferredEphemeral;

  JdaButtonCall(ButtonInteractionEvent event, Metrics.Stopwatch untilReply) {
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
  public String buttonId() {
    return event.getComponentId();
  }

  @Override
  public void defer(boolean updatesMessage, boolean ephemeral) {
    if (deferred || answered.get()) {
      return;
    }
    deferred = true;
    deferredUpdate = updatesMessage;
    deferredEphemeral = ephemeral;
    if (updatesMessage) {
      event.deferEdit().queue(null, e -> failed("acknowledge", e));
    } else {
      event.deferReply(ephemeral).queue(null, e -> failed("acknowledge", e));
    }
  }

  @Override
  public void reply(Reply reply) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    untilReply.stop();
    if (!deferred) {
      event
          .reply(JdaMessages.create(reply))
          .setEphemeral(reply.ephemeral())
          .queue(null, e -> failed("reply", e));
    } else if (deferredUpdate) {
      event
          .getHook()
          .sendMessage(JdaMessages.create(reply))
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
      // The "thinking…" placeholder becomes the answer.
      event.getHook().editOriginal(JdaMessages.edit(reply)).queue(null, e -> failed("reply", e));
    }
  }

  @Override
  public void update(Reply reply) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    untilReply.stop();
    if (deferred) {
      event.getHook().editOriginal(JdaMessages.edit(reply)).queue(null, e -> failed("update", e));
    } else {
      event.editMessage(JdaMessages.edit(reply)).queue(null, e -> failed("update", e));
    }
  }

  void replyIfUnanswered(Reply reply) {
    if (!answered.get()) {
      reply(reply);
    }
  }

  private void failed(String what, Throwable e) {
    log.warn("Could not {} to a button click: {}", what, e.toString());
  }
}
