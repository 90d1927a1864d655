package dev.likesbot.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a text's UTF-8 bytes: the one digest the bot takes (secrets kept only as hashes,
 * PKCE challenges, the login page's CSP hash). Callers choose the encoding (hex, base64, base64url)
 * their consumer expects.
 */
public final class Sha256 {
  private Sha256() {}

  public static byte[] of(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
