package dev.likesbot.discord;

import dev.likesbot.logging.ErrorIds;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.text.Texts;
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

  static final String UNAVAILABLE = "error.unavailable";

  private final OwnerAlerts alerts;
  private final ErrorIds ids;

  public ErrorReplies(OwnerAlerts alerts, ErrorIds ids) {
    this.alerts = alerts;
    this.ids = ids;
  }

  private String owner(Texts texts) {
    return alerts.owner().mention(texts);
  }

  /** {@code link}: /link as the member can tap it ({@link CommandMentions}). */
  static String notLinked(Texts texts, String link) {
    return texts.get("error.notLinked", link);
  }

  static String revoked(Texts texts, String link) {
    return texts.get("error.revoked", link);
  }

  /**
   * The member's text for {@code e} in their language ({@code texts}), or empty when it is a
   * failure of ours; {@code commands} names /link.
   */
  Optional<String> explain(
      Texts texts, RuntimeException e, String user, LinkCheck links, CommandMentions commands) {
    if (links.notLinked().isInstance(e)) {
      return Optional.of(notLinked(texts, commands.of(LINK)));
    }
    return e instanceof SpotifyException spotify
        ? Optional.of(explain(texts, spotify, user, commands))
        : Optional.empty();
  }

  private String explain(Texts texts, SpotifyException e, String user, CommandMentions commands) {
    return switch (e.reason()) {
      case REVOKED, UNAUTHORIZED -> revoked(texts, commands.of(LINK));
      case RATE_LIMITED -> texts.get("error.rateLimited", Math.max(1, e.retryAfter().toSeconds()));
      case UNAVAILABLE -> texts.get(UNAVAILABLE);
      case QUOTA_EXCEEDED -> quota(texts, alerts.quotaExceeded());
      case FORBIDDEN -> {
        log.warn(
            "Spotify answered 403 for user {}: add their Spotify e-mail to the app's users in the"
                + " developer dashboard (development mode allows 5)",
            user);
        alerts.refusedAccount(user);
        yield forbidden(texts);
      }
      case REJECTED -> {
        String id = ids.next();
        log.error(
            "Spotify rejected a request for user {} (error {}): {}", user, id, e.getMessage(), e);
        yield spotifyFailed(texts, id);
      }
    };
  }

  /** A 403: Spotify lets an app in development mode serve only the accounts its owner added. */
  String forbidden(Texts texts) {
    return texts.get("error.forbidden", owner(texts));
  }

  /** The quota is used up; {@code told} whether the owner has been (or is being) told. */
  String quota(Texts texts, boolean told) {
    return texts.get("error.quota")
        + " "
        + capitalized(texts.get(told ? "error.quota.told" : "error.quota.tell", owner(texts)));
  }

  String spotifyFailed(Texts texts, String errorId) {
    return texts.get("error.spotifyFailed", owner(texts), errorId);
  }

  /** A failure of ours; {@code errorId} is in the log line with the cause. */
  String failed(Texts texts, String errorId) {
    return texts.get("error.failed", owner(texts), errorId);
  }

  /** A new error id, for a failure about to be logged and answered with {@link #failed}. */
  String newId() {
    return ids.next();
  }

  /** A sentence that starts with the owner ("the bot's owner has been told") starts upper case. */
  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
