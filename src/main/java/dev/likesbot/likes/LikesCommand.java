package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.link.NotLinkedException;
import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.Track;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /likes count and /likes random. */
public final class LikesCommand implements SlashCommand {
  private static final Logger log = LoggerFactory.getLogger(LikesCommand.class);
  static final String NOT_LINKED = "Link your Spotify account first with /link.";
  static final String REVOKED = "Your Spotify link expired or was revoked — run /link again.";
  static final String UNAVAILABLE = "Spotify is having trouble — try again shortly.";
  static final String FORBIDDEN =
      "Spotify refused access to your account. Ask the bot's operator to add your Spotify e-mail"
          + " to the app's users in the Spotify developer dashboard.";
  static final String FAILED =
      "Something went wrong talking to Spotify. Try again; if it keeps happening, tell the bot's"
          + " operator.";
  static final String QUOTA =
      "This bot has used up its Spotify request quota for now — try again later. The bot's operator"
          + " has been told.";
  static final String NO_LIKES = "You have no liked songs yet.";
  static final String NOTHING_TO_SHOW =
      "I couldn't find a song I can show (local files can't be shared) — try again.";

  private final LikesService likes;
  private final TokenCache tokens;
  private final Cooldown cooldown;

  public LikesCommand(LikesService likes, TokenCache tokens, Cooldown cooldown) {
    this.likes = likes;
    this.tokens = tokens;
    this.cooldown = cooldown;
  }

  @Override
  public CommandSpec spec() {
    return CommandSpec.withSubcommands(
        "likes",
        "Your Spotify Liked Songs",
        new CommandSpec.Subcommand("count", "How many songs you liked"),
        new CommandSpec.Subcommand("random", "A random song from your Liked Songs"));
  }

  /** Answers are public; a member who turns out not to be linked gets a private note instead. */
  @Override
  public void acknowledge(CommandCall call) {
    call.defer(false);
  }

  @Override
  public void handle(CommandCall call) {
    String user = call.userId();
    if (!tokens.isLinked(user)) {
      call.reply(Reply.privately(NOT_LINKED));
      return;
    }
    Optional<Duration> wait = cooldown.tryUse(user);
    if (wait.isPresent()) {
      call.reply(
          Reply.privately(
              "Slow down — you can use /likes again in "
                  + Math.max(1, wait.get().toSeconds())
                  + " s."));
      return;
    }
    try {
      String sub = call.subcommand().orElse("");
      call.reply(
          switch (sub) {
            case "count" -> count(user);
            case "random" -> random(user);
            default -> Reply.privately("Unknown subcommand: " + sub);
          });
    } catch (NotLinkedException e) {
      call.reply(Reply.privately(NOT_LINKED));
    } catch (SpotifyException e) {
      call.reply(Reply.privately(explain(e, user)));
    }
  }

  private Reply count(String user) {
    int total = likes.count(user);
    return Reply.publicly(
        switch (total) {
          case 0 -> NO_LIKES;
          case 1 -> "You have 1 liked song.";
          default -> String.format(Locale.US, "You have %,d liked songs.", total);
        });
  }

  private Reply random(String user) {
    LikesService.Pick pick = likes.random(user);
    if (pick.song().isEmpty()) {
      return Reply.privately(pick.total() == 0 ? NO_LIKES : NOTHING_TO_SHOW);
    }
    Track track = pick.song().get().track().orElseThrow();
    String by = String.join(", ", track.artists());
    String description =
        (by.isEmpty() ? "" : "by " + Markdown.escape(by))
            + (track.album().isEmpty() ? "" : "\nfrom " + Markdown.escape(track.album()));
    Reply reply =
        Reply.publicly("")
            .withEmbed(
                new Reply.Embed(track.name(), track.url(), description.strip(), track.imageUrl()));
    return track
        .url()
        .map(u -> reply.withButton(new Reply.LinkButton("Open in Spotify", u)))
        .orElse(reply);
  }

  private static String explain(SpotifyException e, String user) {
    return switch (e.reason()) {
      case REVOKED, UNAUTHORIZED -> REVOKED;
      case RATE_LIMITED ->
          "Spotify is rate-limiting this bot — try again in "
              + Math.max(1, e.retryAfter().toSeconds())
              + " s.";
      case UNAVAILABLE -> UNAVAILABLE;
      case QUOTA_EXCEEDED -> QUOTA;
      case FORBIDDEN -> {
        log.warn(
            "Spotify answered 403 for user {}: add their Spotify e-mail to the app's users in the"
                + " developer dashboard (development mode allows 5)",
            user);
        yield FORBIDDEN;
      }
      case REJECTED -> {
        log.error("Spotify rejected a request for user {}: {}", user, e.getMessage(), e);
        yield FAILED;
      }
    };
  }
}
