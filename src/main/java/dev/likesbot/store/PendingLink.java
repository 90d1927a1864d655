package dev.likesbot.store;

import java.time.Instant;
import java.util.Objects;

/** A /link run waiting for its callback: the OAuth state, who ran it and the PKCE verifier. */
public record PendingLink(
    String state, String discordUserId, String codeVerifier, Instant expiresAt) {
  public PendingLink {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(discordUserId, "discordUserId");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "PendingLink[state=****, discordUserId="
        + discordUserId
        + ", codeVerifier=****, expiresAt="
        + expiresAt
        + "]";
  }
}
