package dev.likesbot.spotify;

import java.time.Duration;
import java.util.Objects;

/** Any failure talking to Spotify, translated once at the adapter; never carries a secret. */
public final class SpotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the caller can do about it. */
  public enum Reason {
    /** The member revoked access or the refresh token ended: link again. */
    REVOKED,
    /** The access token was refused (401). */
    UNAUTHORIZED,
    /** Spotify refused the member or the app (403), e.g. not on the development-mode allowlist. */
    FORBIDDEN,
    /** 429: wait {@link #retryAfter()}. */
    RATE_LIMITED,
    /** 429 because the app's development-mode quota is used up: the operator must act. */
    QUOTA_EXCEEDED,
    /** 5xx, timeouts and connection errors: try again shortly. */
    UNAVAILABLE,
    /** A request we built wrong or an answer we could not read: a bug or a misconfiguration. */
    REJECTED
  }

  private final Reason reason;
  private final Duration retryAfter;

  public SpotifyException(Reason reason, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public SpotifyException(Reason reason, String message) {
    this(reason, message, Duration.ZERO, null);
  }

  public Reason reason() {
    return reason;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
