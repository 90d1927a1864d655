package dev.likesbot.likes;

import dev.likesbot.discord.ButtonCall;
import dev.likesbot.discord.ButtonHandler;
import dev.likesbot.discord.Reply;
import dev.likesbot.link.NotLinkedException;
import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SpotifyException;
import java.time.Duration;
import java.util.Optional;

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
  private final TokenCache tokens;
  private final Cooldown cooldown;

  public LikesButtons(LikesService likes, TokenCache tokens, Cooldown cooldown) {
    this.likes = likes;
    this.tokens = tokens;
    this.cooldown = cooldown;
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

  @Override
  public void handle(ButtonCall call) {
    String[] parts = call.buttonId().split(":");
    if (parts.length < 3) {
      call.reply(Reply.privately("This button no longer works."));
      return;
    }
    String action = parts[1];
    String owner = parts[2];
    boolean another = action.equals(ANOTHER);
    boolean turn = (action.equals(PREVIOUS) || action.equals(NEXT)) && parts.length > 3;
    if (!another && !turn) {
      call.reply(Reply.privately("This button no longer works."));
      return;
    }
    if (!call.userId().equals(owner)) {
      call.reply(Reply.privately(another ? NOT_YOURS_RANDOM : NOT_YOURS_LIST));
      return;
    }
    if (!tokens.isLinked(owner)) {
      call.reply(Reply.privately(LikesReplies.NOT_LINKED));
      return;
    }
    // Another is /likes random again, so it shares the cooldown; turning a page is one cheap
    // request a member makes at reading speed, and a cooldown there would only get in the way.
    Optional<Duration> wait = another ? cooldown.tryUse(owner) : Optional.empty();
    if (wait.isPresent()) {
      call.reply(LikesReplies.slowDown(wait.get()));
      return;
    }
    try {
      if (another) {
        boolean ephemeral = parts.length > 3 && parts[3].equals(PRIVATE);
        call.defer(false, ephemeral);
        call.reply(LikesReplies.pick(likes.random(owner), owner, ephemeral));
      } else {
        call.defer(true, true);
        // The message keeps its own visibility when edited; the flag matters only for new ones.
        call.update(LikesReplies.page(likes.list(owner, page(parts[3])), owner, false));
      }
    } catch (NotLinkedException e) {
      call.reply(Reply.privately(LikesReplies.NOT_LINKED));
    } catch (SpotifyException e) {
      call.reply(Reply.privately(LikesReplies.explain(e, owner)));
    }
  }

  private static int page(String text) {
    try {
      return Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
