package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void theChallengeIsTheBase64UrlSha256OfTheVerifierAsInRfc7636AppendixB() {
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void aGeneratedVerifierIsSixtyFourUrlSafeCharactersWithItsChallenge() {
    Pkce pkce = Pkce.generate(new SecureRandom());

    assertThat(pkce.verifier()).hasSize(64).matches("[A-Za-z0-9_-]+");
    assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier()));
  }
}
