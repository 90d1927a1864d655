package dev.likesbot.store;

import java.time.Instant;
import java.util.Objects;

/** A member's link as persisted: who they are at Spotify and their current tokens. */
public record StoredLink(
    String discordUserId,
    String spotifyUserId,
    String spotifyName,
    String accessToken,
    String refreshToken,
    Instant accessExpiresAt,
    Instant linkedAt) {
  public StoredLink {
    Objects.requireNonNull(discordUserId, "discordUserId");
    Objects.requireNonNull(spotifyUserId, "spotifyUserId");
    Objects.requireNonNull(spotifyName, "spotifyName");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
    Objects.requireNonNull(linkedAt, "linkedAt");
  }

  /** The same link with refreshed tokens. */
  public StoredLink withTokens(String access, String refresh, Instant expiresAt) {
    return new StoredLink(
        discordUserId, spotifyUserId, spotifyName, access, refresh, expiresAt, linkedAt);
  }

  @Override
  public String toString() {
    return "StoredLink[discordUserId="
        + discordUserId
        + ", spotifyUserId="
        + spotifyUserId
        + ", accessToken=****, refreshToken=****, accessExpiresAt="
        + accessExpiresAt
        + ", linkedAt="
        + linkedAt
        + "]";
  }
}
