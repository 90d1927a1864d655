package dev.likesbot.discord;

import dev.likesbot.metrics.Metrics;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** A {@link CommandCall} over JDA. */
final class JdaCommandCall implements CommandCall {
  private final SlashCommandInteractionEvent event;
  private final JdaReplies replies;

  JdaCommandCall(SlashCommandInteractionEvent event, Metrics.Stopwatch untilReply) {
    this.event = event;
    this.replies = new JdaReplies(event, "/" + event.getName(), untilReply);
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
    replies.deferReply(ephemeral);
  }

  @Override
  public void reply(Reply reply) {
    replies.reply(reply, true);
  }

  /** Answers with {@code reply} unless the command already answered. */
  void replyIfUnanswered(Reply reply) {
    replies.replyIfUnanswered(reply, true);
  }
}
