package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.util.List;

/** /likes count, /likes random and /likes list; answers in the channel unless private. */
public final class LikesCommand implements SlashCommand {
  static final String NOT_LINKED = LikesReplies.NOT_LINKED;
  static final String REVOKED = LikesReplies.REVOKED;
  static final String UNAVAILABLE = LikesReplies.UNAVAILABLE;
  static final String QUOTA = LikesReplies.QUOTA;
  static final String NO_LIKES = LikesReplies.NO_LIKES;
  static final String PRIVATE = "private";
  static final String PAGE = "page";

  private final LikesService likes;
  private final MemberTokens tokens;

  public LikesCommand(LikesService likes, MemberTokens tokens) {
    this.likes = likes;
    this.tokens = tokens;
  }

  @Override
  public CommandSpec spec() {
    CommandSpec.Option privately =
        new CommandSpec.Option(
            PRIVATE, "Only you see the answer", CommandSpec.Option.Type.BOOLEAN, false);
    return CommandSpec.withSubcommands(
        "likes",
        "Your Spotify Liked Songs",
        new CommandSpec.Subcommand("count", "How many songs you liked", List.of(privately)),
        new CommandSpec.Subcommand(
            "random", "A random song from your Liked Songs, no repeats", List.of(privately)),
        new CommandSpec.Subcommand(
            "list",
            "Your Liked Songs, newest first, 10 per page",
            List.of(
                new CommandSpec.Option(
                    PAGE, "Which page (1 = newest)", CommandSpec.Option.Type.INTEGER, false),
                privately)));
  }

  /**
   * Answers are public unless the member asked for {@code private: True}; errors turn private later
   * whatever was chosen here.
   */
  @Override
  public void acknowledge(CommandCall call) {
    call.defer(ephemeral(call));
  }

  /** Every subcommand calls Spotify, so each counts against the member's limit. */
  @Override
  public boolean limited() {
    return true;
  }

  @Override
  public void handle(CommandCall call) {
    String user = call.userId();
    if (!tokens.isLinked(user)) {
      call.reply(Reply.privately(NOT_LINKED));
      return;
    }
    boolean ephemeral = ephemeral(call);
    try {
      String sub = call.subcommand().orElse("");
      call.reply(
          switch (sub) {
            case "count" -> LikesReplies.count(likes.count(user), ephemeral);
            case "random" -> LikesReplies.pick(likes.random(user), user, ephemeral);
            case "list" -> LikesReplies.page(likes.list(user, page(call)), user, ephemeral);
            default -> Reply.privately("Unknown subcommand: " + sub);
          });
    } catch (NotLinkedException e) {
      call.reply(Reply.privately(NOT_LINKED));
    } catch (SpotifyException e) {
      call.reply(Reply.privately(LikesReplies.explain(e, user)));
    }
  }

  private static boolean ephemeral(CommandCall call) {
    return call.booleanOption(PRIVATE).orElse(false);
  }

  /** The page asked for, from 0; Discord sends any integer, so nonsense means the first page. */
  private static int page(CommandCall call) {
    long asked = call.integerOption(PAGE).orElse(1L);
    return (int) Math.max(0, Math.min(asked - 1, Integer.MAX_VALUE / LikesService.PAGE_SIZE));
  }
}
