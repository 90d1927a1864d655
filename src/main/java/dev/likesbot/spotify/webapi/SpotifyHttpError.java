package dev.likesbot.spotify.webapi;

import java.time.Duration;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * A non-2xx answer, with what the library's own exceptions drop: the status, Spotify's error code
 * (OAuth {@code error} such as {@code invalid_grant}, or the Web API's {@code error.reason}) and a
 * parsed Retry-After.
 */
final class SpotifyHttpError extends SpotifyWebApiException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  SpotifyHttpError(int status, String code, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  /** Spotify's machine-readable error code, or empty. */
  String code() {
    return code;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
