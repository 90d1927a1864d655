package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** A {@link CommandCall} over JDA. */
final class JdaCommandCall extends JdaCall implements CommandCall {
  private final SlashCommandInteractionEvent event;

  JdaCommandCall(
      SlashCommandInteractionEvent event, Metrics.Stopwatch untilReply, ErrorReplies errors) {
    super(event, "/" + event.getName(), untilReply, errors);
    this.event = event;
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
  public Optional<String> stringOption(String name) {
    return Optional.ofNullable(event.getOption(name, OptionMapping::getAsString));
  }

  @Override
  public Optional<Long> integerOption(String name) {
    return Optional.ofNullable(event.getOption(name, OptionMapping::getAsLong));
  }

  @Override
  public void defer(boolean ephemeral) {
    replies.deferReply(ephemeral);
  }

  @Override
  public CompletableFuture<Void> progress(Reply progress) {
    return replies.progress(progress);
  }

  @Override
  public CompletableFuture<Void> followUp(Reply message) {
    return replies.followUp(message);
  }
}
