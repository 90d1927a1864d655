package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;

/** A {@link ButtonCall} over JDA. */
final class JdaButtonCall extends JdaCall implements ButtonCall {
  private final ButtonInteractionEvent event;
  private volatile boolean deferredUpdate;

  JdaButtonCall(ButtonInteractionEvent event, Metrics.Stopwatch untilReply, ErrorReplies errors) {
    super(event, "a button click", untilReply, errors);
    this.event = event;
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
  boolean placeholderIsMessage() {
    return !deferredUpdate;
  }

  @Override
  public void update(Reply reply) {
    replies.update(reply, placeholderIsMessage(), event::editMessage);
  }
}
