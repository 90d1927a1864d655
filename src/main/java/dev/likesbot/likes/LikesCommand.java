package dev.likesbot.likes;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Interaction;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.text.Texts;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * /likes count, /likes random and /likes list, answered in the channel unless private, and the
 * buttons under them. Everything a click needs is in the button's id, so buttons keep working after
 * a restart: {@code likes:another:<owner>[:private]} posts a new pick, {@code
 * likes:prev|next:<owner>:<page>} turns the list's page. Only the owner may use them.
 */
public final class LikesCommand implements SlashCommand {
  static final String NAME = "likes";
  static final String PRIVATE = "private";
  static final String PAGE = "page";
  static final String ANOTHER = "another";
  static final String PREVIOUS = "prev";
  static final String NEXT = "next";
  static final String NOT_YOURS_RANDOM = "likes.notYours.random";
  static final String NOT_YOURS_LIST = "likes.notYours.list";

  static final String STATS = "stats";
  static final String EXPORT = "export";

  private final LikesService likes;
  private final LikesStats stats;
  private final LikesExport export;

  public LikesCommand(LikesService likes, LikesStats stats, LikesExport export) {
    this.likes = likes;
    this.stats = stats;
    this.export = export;
  }

  static String anotherId(String owner, boolean ephemeral) {
    return NAME + ":" + ANOTHER + ":" + owner + (ephemeral ? ":" + PRIVATE : "");
  }

  static String pageId(String direction, String owner, int page) {
    return NAME + ":" + direction + ":" + owner + ":" + page;
  }

  /** Descriptions, and names in other languages, come from the texts' bundle ({@link Texts}). */
  @Override
  public CommandSpec spec() {
    CommandSpec.Option privately = new CommandSpec.Option(PRIVATE, CommandSpec.Option.Type.BOOLEAN);
    return CommandSpec.described(
        NAME,
        new CommandSpec.Subcommand("count", List.of(privately)),
        new CommandSpec.Subcommand("random", List.of(privately)),
        new CommandSpec.Subcommand(
            "list",
            List.of(
                new CommandSpec.Option(PAGE, CommandSpec.Option.Type.INTEGER).withMin(1),
                privately)),
        new CommandSpec.Subcommand(STATS, List.of(privately)),
        new CommandSpec.Subcommand(
            EXPORT,
            List.of(
                new CommandSpec.Option(LikesExport.FORMAT, CommandSpec.Option.Type.STRING)
                    .withChoices("csv", "json"))));
  }

  /** Every subcommand and button reads the member's Spotify. */
  @Override
  public Checks checks() {
    return Checks.SPOTIFY;
  }

  /**
   * Answers are public unless the member asked for {@code private: True} (an export's always
   * private: it is about the member's own library); errors turn private later whatever was chosen.
   */
  @Override
  public void acknowledge(CommandCall call) {
    call.defer(ephemeral(call));
  }

  /**
   * /likes stats and /likes export wait for a whole-library read on the reader's threads, not on a
   * worker.
   */
  @Override
  public CompletionStage<?> handleLater(CommandCall call) {
    String sub = call.subcommand().orElse("");
    if (sub.equals(EXPORT)) {
      return export.answer(call);
    }
    if (!sub.equals(STATS)) {
      return SlashCommand.super.handleLater(call);
    }
    return stats.answer(call, whose(call), ephemeral(call));
  }

  @Override
  public void handle(CommandCall call) {
    String user = call.userId();
    boolean ephemeral = ephemeral(call);
    String sub = call.subcommand().orElse("");
    Texts texts = call.texts();
    call.reply(
        switch (sub) {
          case "count" -> LikesReplies.count(texts, likes.count(user), whose(call), ephemeral);
          case "random" ->
              LikesReplies.pick(texts, likes.random(user), user, whose(call), ephemeral);
          case "list" ->
              LikesReplies.page(texts, likes.list(user, page(call)), user, whose(call), ephemeral);
          default -> Reply.privately(texts.get("likes.unknownSubcommand", sub));
        });
  }

  /**
   * A well-formed click by the owner is deferred as its answer needs: Another posts a new message
   * (private when its id says so), a page turn edits the list. Anyone else is told privately at
   * once, with no public "thinking…" first.
   */
  @Override
  public Ack acknowledgeClick(ButtonCall call, List<String> args) {
    String action = args.size() < 2 ? "" : args.get(0);
    boolean another = action.equals(ANOTHER);
    boolean turn = (action.equals(PREVIOUS) || action.equals(NEXT)) && args.size() > 2;
    if (!another && !turn) {
      return Ack.GONE;
    }
    if (!call.userId().equals(args.get(1))) {
      call.reply(Reply.privately(call.texts().get(another ? NOT_YOURS_RANDOM : NOT_YOURS_LIST)));
      return Ack.ANSWERED;
    }
    if (another) {
      call.defer(false, privateAnother(args));
    } else {
      call.defer(true, true);
    }
    return Ack.DEFERRED;
  }

  /** Only the owner gets here, so the owner is the clicking member. */
  @Override
  public void onButtonClick(ButtonCall call, List<String> args) {
    String owner = call.userId();
    if (args.get(0).equals(ANOTHER)) {
      call.reply(
          LikesReplies.pick(
              call.texts(), likes.random(owner), owner, whose(call), privateAnother(args)));
    } else {
      // The message keeps its own visibility when edited; the flag matters only for new ones.
      call.update(
          LikesReplies.page(
              call.texts(), likes.list(owner, page(args.get(2))), owner, whose(call), false));
    }
  }

  /** A public card says whose it is: the member's name and picture as Discord shows them. */
  private static Reply.Embed.Author whose(Interaction call) {
    return new Reply.Embed.Author(call.userName(), call.userAvatarUrl());
  }

  private static boolean ephemeral(CommandCall call) {
    return call.subcommand().orElse("").equals(EXPORT) || call.booleanOption(PRIVATE).orElse(false);
  }

  private static boolean privateAnother(List<String> args) {
    return args.size() > 2 && args.get(2).equals(PRIVATE);
  }

  /**
   * The page asked for, from 0. Discord's client keeps {@code page} at 1 or more, but a command
   * registered by an older version has no minimum, so nonsense still means the first page.
   */
  private static int page(CommandCall call) {
    long asked = call.integerOption(PAGE).orElse(1L);
    return (int) Math.max(0, Math.min(asked - 1, Integer.MAX_VALUE / LikesService.PAGE_SIZE));
  }

  private static int page(String text) {
    try {
      return Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
