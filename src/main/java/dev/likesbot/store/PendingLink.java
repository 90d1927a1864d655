package dev.likesbot.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A /link run waiting for its callback: the OAuth state, who ran it (id, display name and
 * username), the PKCE verifier and, once its login page's Continue was pressed, the hash of the
 * nonce that browser holds.
 */
public record PendingLink(
    String state,
    String discordUserId,
    String codeVerifier,
    Instant expiresAt,
    String discordName,
    String discordHandle,
    Optional<String> browserHash) {
  public PendingLink {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(discordUserId, "discordUserId");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(discordName, "discordName");
    Objects.requireNonNull(discordHandle, "discordHandle");
    Objects.requireNonNull(browserHash, "browserHash");
  }

  /** This run bound to the browser holding {@code browserNonce}; only its hash is kept. */
  public PendingLink withBrowser(String browserNonce) {
    return new PendingLink(
        state,
        discordUserId,
        codeVerifier,
        expiresAt,
        discordName,
        discordHandle,
        Optional.of(sha256(browserNonce)));
  }

  /**
   * Whether {@code browserNonce} is the nonce this run was bound to. Compared in constant time, so
   * timing tells a guesser nothing; false for a run nobody pressed Continue on.
   */
  public boolean boundTo(String browserNonce) {
    return browserNonce != null
        && browserHash.isPresent()
        && MessageDigest.isEqual(
            sha256(browserNonce).getBytes(StandardCharsets.US_ASCII),
            browserHash.get().getBytes(StandardCharsets.US_ASCII));
  }

  /** The hex SHA-256 the store keeps instead of a secret (states, browser nonces). */
  static String sha256(String secret) {
    return HexFormat.of().formatHex(Sha256.of(secret));
  }

  @Override
  public String toString() {
    return "PendingLink[state=****, discordUserId="
        + discordUserId
        + ", codeVerifier=****, expiresAt="
        + expiresAt
        + ", discordName="
        + discordName
        + ", discordHandle="
        + discordHandle
        + ", browserBound="
        + browserHash.isPresent()
        + "]";
  }
}
