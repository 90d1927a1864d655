package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.modals.Modal;

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

  /** Each input in a Label (the shape JDA 6 sends; Discord deprecated labels on text inputs). */
  @Override
  public void openModal(ModalForm form) {
    replies.modal(
        () ->
            event.replyModal(
                Modal.create(form.id(), form.title())
                    .addComponents(
                        form.fields().stream()
                            .map(
                                f ->
                                    Label.of(
                                        f.label(),
                                        TextInput.create(f.id(), TextInputStyle.PARAGRAPH)
                                            .setRequired(true)
                                            .setMaxLength(f.maxLength())
                                            .setPlaceholder(
                                                f.placeholder().isEmpty() ? null : f.placeholder())
                                            .build()))
                            .toList())
                    .build()));
  }
}
