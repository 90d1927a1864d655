package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;

/** A {@link ModalCall} over JDA. */
final class JdaModalCall extends JdaCall implements ModalCall {
  private final ModalInteractionEvent event;

  JdaModalCall(ModalInteractionEvent event, Metrics.Stopwatch untilReply, ErrorReplies errors) {
    super(event, "a form", untilReply, errors);
    this.event = event;
  }

  @Override
  public String modalId() {
    return event.getModalId();
  }

  @Override
  public Optional<String> value(String fieldId) {
    return Optional.ofNullable(event.getValue(fieldId)).map(ModalMapping::getAsString);
  }

  @Override
  public void defer(boolean ephemeral) {
    replies.deferReply(ephemeral);
  }
}
