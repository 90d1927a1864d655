package dev.likesbot.likes;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.ButtonHandler;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;

/**
 * The buttons under /likes answers. Everything a click needs is in the button's id, so buttons keep
 * working after a restart: {@code likes:another:<owner>[:private]} posts a new pick, {@code
 * likes:prev|next:<owner>:<page>} turns the list's page. Only the owner may use them.
 */
public final class LikesButtons implements ButtonHandler {
  static final String PREFIX = "likes";
  static final String ANOTHER = "another";
  static final String PREVIOUS = "prev";
  static final String NEXT = "next";
  static final String PRIVATE = "private";
  static final String NOT_YOURS_RANDOM =
      "This button belongs to whoever asked — run /likes random yourself.";
  static final String NOT_YOURS_LIST =
      "These buttons belong to whoever asked — run /likes list yourself.";

  private final LikesService likes;
  private final MemberTokens tokens;

  public LikesButtons(LikesService likes, MemberTokens tokens) {
    this.likes = likes;
    this.tokens = tokens;
  }

  static String anotherId(String owner, boolean ephemeral) {
    return PREFIX + ":" + ANOTHER + ":" + owner + (ephemeral ? ":" + PRIVATE : "");
  }

  static String pageId(String direction, String owner, int page) {
    return PREFIX + ":" + direction + ":" + owner + ":" + page;
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  /** Both buttons call Spotify, so both count against the member's limit. */
  @Override
  public boolean limited() {
    return true;
  }

  /**
   * A well-formed click by the owner is deferred as its answer needs: Another posts a new message
   * (private when its id says so), a page turn edits the list. Anyone else is told privately at
   * once, with no public "thinking…" first.
   */
  @Override
  public Ack acknowledge(ButtonCall call) {
    String[] parts = call.buttonId().split(":");
    String action = parts.length < 3 ? "" : parts[1];
    boolean another = action.equals(ANOTHER);
    boolean turn = (action.equals(PREVIOUS) || action.equals(NEXT)) && parts.length > 3;
    if (!another && !turn) {
      call.reply(Reply.privately("This button no longer works."));
      return Ack.ANSWERED;
    }
    if (!call.userId().equals(parts[2])) {
      call.reply(Reply.privately(another ? NOT_YOURS_RANDOM : NOT_YOURS_LIST));
      return Ack.ANSWERED;
    }
    if (another) {
      call.defer(false, ephemeral(parts));
    } else {
      call.defer(true, true);
    }
    return Ack.DEFERRED;
  }

  @Override
  public void handle(ButtonCall call) {
    String[] parts = call.buttonId().split(":");
    String owner = parts[2];
    if (!tokens.isLinked(owner)) {
      call.reply(Reply.privately(LikesReplies.NOT_LINKED));
      return;
    }
    try {
      if (parts[1].equals(ANOTHER)) {
        boolean ephemeral = ephemeral(parts);
        call.reply(LikesReplies.pick(likes.random(owner), owner, ephemeral));
      } else {
        // The message keeps its own visibility when edited; the flag matters only for new ones.
        call.update(LikesReplies.page(likes.list(owner, page(parts[3])), owner, false));
      }
    } catch (NotLinkedException e) {
      call.reply(Reply.privately(LikesReplies.NOT_LINKED));
    } catch (SpotifyException e) {
      call.reply(Reply.privately(LikesReplies.explain(e, owner)));
    }
  }

  private static boolean ephemeral(String[] parts) {
    return parts.length > 3 && parts[3].equals(PRIVATE);
  }

  private static int page(String text) {
    try {
      return Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
