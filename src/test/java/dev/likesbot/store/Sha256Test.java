package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static String hex(String text) {
    return HexFormat.of().formatHex(Sha256.of(text));
  }

  @Test
  void theDigestMatchesTheFipsTestVectors() {
    assertThat(hex("abc")) // FIPS 180-2, appendix B.1
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(hex(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aPendingLinkIsBoundToItsBrowserNonceOnly() {
    PendingLink bound =
        new PendingLink("state", "1", "verifier", Instant.EPOCH, "Ada", "ada", Optional.empty())
            .withBrowser("nonce");

    assertThat(bound.browserHash()).contains(hex("nonce"));
    assertThat(bound.boundTo("nonce")).isTrue();
    assertThat(bound.boundTo("other")).isFalse();
  }
}
