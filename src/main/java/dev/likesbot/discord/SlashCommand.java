package dev.likesbot.discord;

/**
 * A top-level slash command. {@link #handle} runs on the bot's worker pool, never on JDA's event
 * thread, so it may block on Spotify or the store; it must answer the call exactly once, calling
 * {@link CommandCall#defer} first when the answer may take longer than Discord's 3 seconds.
 */
public interface SlashCommand {

  CommandSpec spec();

  void handle(CommandCall call);
}
