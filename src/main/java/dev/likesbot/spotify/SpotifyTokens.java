package dev.likesbot.spotify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens as Spotify answered them; {@code refreshToken} is empty when a refresh did not rotate it.
 */
public record SpotifyTokens(String accessToken, Optional<String> refreshToken, Duration expiresIn) {
  public SpotifyTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresIn, "expiresIn");
  }

  @Override
  public String toString() {
    return "SpotifyTokens[accessToken=****, refreshToken="
        + refreshToken.map(t -> "****").orElse("none")
        + ", expiresIn="
        + expiresIn
        + "]";
  }
}
