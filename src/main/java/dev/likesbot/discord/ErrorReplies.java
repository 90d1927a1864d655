package dev.likesbot.discord;

import dev.likesbot.logging.ErrorIds;
import dev.likesbot.spotify.SpotifyException;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a member reads when the work behind a command or click cannot be done: the one translation
 * of a lost link, of Spotify's failures and of our own into member text. Whatever only the bot's
 * owner can fix names the owner and tells them ({@link OwnerAlerts}); a failure of ours carries an
 * error id that is also in the log line with the details, which only the log gets.
 */
public final class ErrorReplies {
  private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

  /** The command that starts a link: where "not linked" and "link ended" send the member. */
  static final String LINK = "link";

  static final String UNAVAILABLE = "Spotify is having trouble — try again shortly.";

  private final OwnerAlerts alerts;
  private final ErrorIds ids;

  public ErrorReplies(OwnerAlerts alerts, ErrorIds ids) {
    this.alerts = alerts;
    this.ids = ids;
  }

  /** Nobody named or told, as before anyone was in charge (tests of other things). */
  static ErrorReplies withoutOwner() {
    return new ErrorReplies(OwnerAlerts.none(), new ErrorIds(new SecureRandom()));
  }

  private String owner() {
    return alerts.owner().mention();
  }

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
  Optional<String> explain(
      RuntimeException e, String user, LinkCheck links, CommandMentions commands) {
    if (links.notLinked().isInstance(e)) {
      return Optional.of(notLinked(commands.of(LINK)));
    }
    return e instanceof SpotifyException spotify
        ? Optional.of(explain(spotify, user, commands))
        : Optional.empty();
  }

  private String explain(SpotifyException e, String user, CommandMentions commands) {
    return switch (e.reason()) {
      case REVOKED, UNAUTHORIZED -> revoked(commands.of(LINK));
      case RATE_LIMITED ->
          "Spotify is rate-limiting this bot — try again in "
              + Math.max(1, e.retryAfter().toSeconds())
              + " s.";
      case UNAVAILABLE -> UNAVAILABLE;
      case QUOTA_EXCEEDED -> quota(alerts.quotaExceeded());
      case FORBIDDEN -> {
        log.warn(
            "Spotify answered 403 for user {}: add their Spotify e-mail to the app's users in the"
                + " developer dashboard (development mode allows 5)",
            user);
        alerts.refusedAccount(user);
        yield forbidden();
      }
      case REJECTED -> {
        String id = ids.next();
        log.error(
            "Spotify rejected a request for user {} (error {}): {}", user, id, e.getMessage(), e);
        yield spotifyFailed(id);
      }
    };
  }

  /** A 403: Spotify lets an app in development mode serve only the accounts its owner added. */
  String forbidden() {
    return "Spotify refused access to your account: this bot's Spotify app lets in only the"
        + " accounts its owner added. Send "
        + owner()
        + " the e-mail address of your Spotify account, to add to the app's users in the Spotify"
        + " developer dashboard.";
  }

  /** The quota is used up; {@code told} whether the owner has been (or is being) told. */
  String quota(boolean told) {
    return "This bot has used up its Spotify request quota for now — try again later."
        + (told
            ? " " + capitalized(owner()) + " has been told."
            : " If it lasts, tell " + owner() + ".");
  }

  String spotifyFailed(String errorId) {
    return "Something went wrong talking to Spotify. Try again; if it keeps happening, tell "
        + owner()
        + " (error id "
        + errorId
        + ").";
  }

  /** A failure of ours; {@code errorId} is in the log line with the cause. */
  String failed(String errorId) {
    return "Something went wrong on our side. Try again; if it keeps happening, tell "
        + owner()
        + " (error id "
        + errorId
        + ").";
  }

  /** A new error id, for a failure about to be logged and answered with {@link #failed}. */
  String newId() {
    return ids.next();
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
