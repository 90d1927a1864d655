package dev.likesbot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A /link run waiting for its callback: the OAuth state, who ran it (id and display name) and the
 * PKCE verifier.
 */
public record PendingLink(
    String state,
    String discordUserId,
    String codeVerifier,
    Instant expiresAt,
    String discordName) {
  public PendingLink {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(discordUserId, "discordUserId");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(discordName, "discordName");
  }

  @Override
  public String toString() {
    return "PendingLink[state=****, discordUserId="
        + discordUserId
        + ", codeVerifier=****, expiresAt="
        + expiresAt
        + ", discordName="
        + discordName
        + "]";
  }
}
