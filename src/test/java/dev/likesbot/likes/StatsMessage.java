package dev.likesbot.likes;

import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.text.Texts;

/**
 * The public {@code /likes stats} answer exactly as {@link LikesStats} builds it, for the
 * benchmark's picture of the message in the README (the builder is package-private on purpose).
 */
public final class StatsMessage {
  private StatsMessage() {}

  public static Reply of(Texts texts, LibraryStats stats, Reply.Embed.Author whose) {
    return LikesStats.reply(texts, stats, whose, false);
  }
}
