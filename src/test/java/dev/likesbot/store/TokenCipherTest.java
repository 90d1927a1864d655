package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
  private final SecureRandom random = new SecureRandom();
  private final TokenCipher cipher = new TokenCipher(key(1), random);

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return key;
  }

  @Test
  void opensWhatItSealedForTheSameMember() {
    String sealed = cipher.encrypt("BQ-access-token", "42");

    assertThat(cipher.decrypt(sealed, "42")).isEqualTo("BQ-access-token");
    assertThat(sealed).doesNotContain("BQ-access-token");
  }

  @Test
  void sealsWithAKeyVersionByteAndAFresh96BitNonce() {
    byte[] first = Base64.getDecoder().decode(cipher.encrypt("token", "42"));
    byte[] second = Base64.getDecoder().decode(cipher.encrypt("token", "42"));

    assertThat(first[0]).isEqualTo((byte) 1);
    assertThat(first).hasSize(1 + 12 + "token".length() + 16);
    assertThat(java.util.Arrays.copyOfRange(first, 1, 13))
        .isNotEqualTo(java.util.Arrays.copyOfRange(second, 1, 13));
  }

  @Test
  void refusesAnotherMembersValueAnotherKeyAndAlteredBytes() {
    String sealed = cipher.encrypt("token", "42");
    byte[] altered = Base64.getDecoder().decode(sealed);
    altered[altered.length - 1] ^= 1;
    byte[] otherVersion = Base64.getDecoder().decode(sealed);
    otherVersion[0] = 2;

    assertThatThrownBy(() -> cipher.decrypt(sealed, "43"))
        .isInstanceOf(TokenCipher.UndecryptableException.class);
    assertThatThrownBy(() -> new TokenCipher(key(2), random).decrypt(sealed, "42"))
        .isInstanceOf(TokenCipher.UndecryptableException.class);
    assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(altered), "42"))
        .isInstanceOf(TokenCipher.UndecryptableException.class);
    assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(otherVersion), "42"))
        .hasMessageContaining("unknown key version 2");
    assertThatThrownBy(() -> cipher.decrypt("plain-token", "42"))
        .isInstanceOf(TokenCipher.UndecryptableException.class)
        .hasMessageNotContaining("plain-token");
  }
}
