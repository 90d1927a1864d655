package dev.likesbot.link;

import dev.likesbot.store.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/** A PKCE pair (RFC 7636, S256): the verifier stays with us, the challenge goes to Spotify. */
record Pkce(String verifier, String challenge) {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  static Pkce generate(SecureRandom random) {
    byte[] bytes = new byte[48]; // 64 characters, within the 43..128 RFC 7636 allows
    random.nextBytes(bytes);
    String verifier = URL.encodeToString(bytes);
    return new Pkce(verifier, challengeOf(verifier));
  }

  static String challengeOf(String verifier) {
    return URL.encodeToString(Sha256.of(verifier)); // a verifier is ASCII: UTF-8 is the same
  }

  @Override
  public String toString() {
    return "Pkce[****]";
  }
}
