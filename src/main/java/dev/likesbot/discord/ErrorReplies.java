package dev.likesbot.discord;

import dev.likesbot.spotify.SpotifyException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a member reads when the work behind a command or click cannot be done for a reason they can
 * act on: the one translation of a lost link and of Spotify's failures into member text. Details go
 * to the log only.
 */
final class ErrorReplies {
  private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

  /** The command that starts a link: where "not linked" and "link ended" send the member. */
  static final String LINK = "link";

  static final String UNAVAILABLE = "Spotify is having trouble — try again shortly.";
  static final String FORBIDDEN =
      "Spotify refused access to your account. Ask the bot's operator to add your Spotify e-mail"
          + " to the app's users in the Spotify developer dashboard.";
  static final String SPOTIFY_FAILED =
      "Something went wrong talking to Spotify. Try again; if it keeps happening, tell the bot's"
          + " operator.";
  static final String QUOTA =
      "This bot has used up its Spotify request quota for now — try again later. The bot's operator"
          + " has been told.";

  private ErrorReplies() {}

  /** {@code link}: /link as the member can tap it ({@link CommandMentions}). */
  static String notLinked(String link) {
    return "Link your Spotify account first with " + link + ".";
  }

  static String revoked(String link) {
    return "Your Spotify link expired or was revoked — run " + link + " again.";
  }

  /**
   * The member's text for {@code e}, or empty when it is a failure of ours; {@code commands} names
   * /link.
   */
  static Optional<String> explain(
      RuntimeException e, String user, LinkCheck links, CommandMentions commands) {
    if (links.notLinked().isInstance(e)) {
      return Optional.of(notLinked(commands.of(LINK)));
    }
    return e instanceof SpotifyException spotify
        ? Optional.of(explain(spotify, user, commands))
        : Optional.empty();
  }

  private static String explain(SpotifyException e, String user, CommandMentions commands) {
    return switch (e.reason()) {
      case REVOKED, UNAUTHORIZED -> revoked(commands.of(LINK));
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
        yield SPOTIFY_FAILED;
      }
    };
  }
}
