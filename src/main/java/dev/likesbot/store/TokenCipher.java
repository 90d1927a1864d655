package dev.likesbot.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tokens for the database with AES-256-GCM. A value is base64 of {@code version byte ||
 * 96-bit nonce || ciphertext and tag}; the nonce is fresh for every write and the associated data
 * (the member's Discord id) binds a value to its row, so a value copied onto another member fails
 * to decrypt. The version byte names the key, so a later key rotation can tell old from new.
 */
final class TokenCipher {
  static final int KEY_BYTES = 32;
  private static final byte KEY_VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  TokenCipher(byte[] key, SecureRandom random) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  String encrypt(String plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                  .put(KEY_VERSION)
                  .put(nonce)
                  .put(sealed)
                  .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JVM", e);
    }
  }

  /**
   * @throws UndecryptableException when the value was sealed with another key, for another row, or
   *     was altered
   */
  String decrypt(String sealed, String associatedData) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new UndecryptableException("not an encrypted value");
    }
    if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
      throw new UndecryptableException("too short for an encrypted value");
    }
    if (bytes[0] != KEY_VERSION) {
      throw new UndecryptableException("sealed with unknown key version " + bytes[0]);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new UndecryptableException("wrong key, wrong row or altered value");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JVM", e);
    }
  }

  /** A value this cipher cannot open; the message never holds the value. */
  static final class UndecryptableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecryptableException(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public String toString() {
    return "TokenCipher[****]";
  }
}
