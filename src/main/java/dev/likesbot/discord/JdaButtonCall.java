package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/** A {@link ButtonCall} over JDA. */
final class JdaButtonCall implements ButtonCall {
  private final ButtonInteractionEvent event;
  private final JdaReplies replies;
  private volatile boolean deferredUpdate;

  JdaButtonCall(ButtonInteractionEvent event, Metrics.Stopwatch untilReply) {
    this.event = event;
    this.replies = new JdaReplies(event, "a button click", untilReply);
  }

  @Override
  public String userId() {
    return replies.userId();
  }

  @Override
  public String userName() {
    return replies.userName();
  }

  @Override
  public String userHandle() {
    return event.getUser().getName();
  }

  @Override
  public String buttonId() {
    return event.getComponentId();
  }

  @Override
  public void defer(boolean updatesMessage, boolean ephemeral) {
    if (!updatesMessage) {
      replies.deferReply(ephemeral);
    } else if (replies.startDefer(ephemeral)) {
      deferredUpdate = true;
      event.deferEdit().queue(null, e -> replies.failed("acknowledge", e));
    }
  }

  /** After a deferred update there is no placeholder: a reply is a new message below. */
  @Override
  public void reply(Reply reply) {
    replies.reply(reply, !deferredUpdate);
  }

  @Override
  public void update(Reply reply) {
    replies.update(reply, !deferredUpdate, event::editMessage);
  }

  void replyIfUnanswered(Reply reply) {
    replies.replyIfUnanswered(reply, !deferredUpdate);
  }
}
