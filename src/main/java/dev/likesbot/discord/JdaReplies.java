package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answering one interaction (a command or a click) exactly once through JDA: every request is
 * queued, never awaited, and a failure is logged rather than thrown into JDA's callback threads.
 */
final class JdaReplies {
  private static final Logger log = LoggerFactory.getLogger(JdaReplies.class);

  private final IReplyCallback interaction;
  private final String what;
  private final Metrics.Stopwatch untilReply;
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile boolean deferred;
  private volatile boolean deferredEphemeral;

  /** {@code what} names the interaction in logs, e.g. "/likes" or "a button click". */
  JdaReplies(IReplyCallback interaction, String what, Metrics.Stopwatch untilReply) {
    this.interaction = interaction;
    this.what = what;
    this.untilReply = untilReply;
  }

  String userId() {
    return interaction.getUser().getId();
  }

  String userName() {
    return interaction.getMember() != null
        ? interaction.getMember().getEffectiveName()
        : interaction.getUser().getEffectiveName();
  }

  boolean deferred() {
    return deferred;
  }

  /** Marks the interaction deferred; true when this call should send the acknowledgement. */
  boolean startDefer(boolean ephemeral) {
    if (deferred || answered.get()) {
      return false;
    }
    deferred = true;
    deferredEphemeral = ephemeral;
    return true;
  }

  void deferReply(boolean ephemeral) {
    if (startDefer(ephemeral)) {
      interaction.deferReply(ephemeral).queue(null, e -> failed("acknowledge", e));
    }
  }

  /** Claims the one answer; false (and a log line) when it was already given. */
  boolean claim() {
    if (!answered.compareAndSet(false, true)) {
      log.warn("{} answered twice; the second answer is dropped", what);
      return false;
    }
    untilReply.stop();
    return true;
  }

  /**
   * A new message: the reply itself, or through the hook after a defer. A public "thinking…" cannot
   * turn private, so for a private answer it is removed and the answer sent privately.
   */
  void reply(Reply reply, boolean placeholderIsMessage) {
    if (!claim()) {
      return;
    }
    if (!deferred) {
      interaction
          .reply(JdaMessages.create(reply))
          .setEphemeral(reply.ephemeral())
          .queue(null, e -> failed("reply", e));
    } else if (!placeholderIsMessage) {
      send(reply, reply.ephemeral());
    } else if (reply.ephemeral() && !deferredEphemeral) {
      interaction.getHook().deleteOriginal().queue(null, e -> failed("remove the placeholder", e));
      send(reply, true);
    } else {
      editOriginal(reply);
    }
  }

  void editOriginal(Reply reply) {
    interaction
        .getHook()
        .editOriginal(JdaMessages.edit(reply))
        .queue(null, e -> failed("reply", e));
  }

  private void send(Reply reply, boolean ephemeral) {
    interaction
        .getHook()
        .sendMessage(JdaMessages.create(reply))
        .setEphemeral(ephemeral)
        .queue(null, e -> failed("reply", e));
  }

  /** Answers with {@code reply} unless the interaction already has its answer. */
  void replyIfUnanswered(Reply reply, boolean placeholderIsMessage) {
    if (!answered.get()) {
      reply(reply, placeholderIsMessage);
    }
  }

  void failed(String action, Throwable e) {
    log.warn("Could not {} to {}: {}", action, what, e.toString());
  }
}
