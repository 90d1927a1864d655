package dev.likesbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A member's link as persisted: who they are at Spotify and their current tokens. {@code version}
 * names the stored write this copy was read from (0: not stored yet); the store writes refreshed
 * tokens only over that very version.
 */
public record StoredLink(
    String discordUserId,
    String spotifyUserId,
    String spotifyName,
    String accessToken,
    String refreshToken,
    Instant accessExpiresAt,
    Instant linkedAt,
    long version) {
  public StoredLink {
    Objects.requireNonNull(discordUserId, "discordUserId");
    Objects.requireNonNull(spotifyUserId, "spotifyUserId");
    Objects.requireNonNull(spotifyName, "spotifyName");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
    Objects.requireNonNull(linkedAt, "linkedAt");
  }

  /** A link not stored yet, as a completed login makes it. */
  public StoredLink(
      String discordUserId,
      String spotifyUserId,
      String spotifyName,
      String accessToken,
      String refreshToken,
      Instant accessExpiresAt,
      Instant linkedAt) {
    this(
        discordUserId,
        spotifyUserId,
        spotifyName,
        accessToken,
        refreshToken,
        accessExpiresAt,
        linkedAt,
        0);
  }

  /** The same link with refreshed tokens, still naming the version they replace. */
  public StoredLink withTokens(String access, String refresh, Instant expiresAt) {
    return new StoredLink(
        discordUserId, spotifyUserId, spotifyName, access, refresh, expiresAt, linkedAt, version);
  }

  /** This link as stored under {@code stored}. */
  public StoredLink withVersion(long stored) {
    return new StoredLink(
        discordUserId,
        spotifyUserId,
        spotifyName,
        accessToken,
        refreshToken,
        accessExpiresAt,
        linkedAt,
        stored);
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
        + ", version="
        + version
        + "]";
  }
}
