package dev.likesbot.discord;

import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Hands JDA's slash commands, button clicks and form submits, as calls without JDA's types, to the
 * pipeline.
 */
final class CommandRouter extends ListenerAdapter {
  private final InteractionPipeline pipeline;

  CommandRouter(InteractionPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    pipeline.command(
        event.getName(),
        event.getFullCommandName(),
        untilReply -> new JdaCommandCall(event, untilReply, pipeline.errors()));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    pipeline.click(
        event.getComponentId(),
        untilReply -> new JdaButtonCall(event, untilReply, pipeline.errors()));
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    pipeline.modal(
        event.getModalId(), untilReply -> new JdaModalCall(event, untilReply, pipeline.errors()));
  }
}
