package dev.likesbot.logging;

import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one maker of error ids: the short code a member reads after "something went wrong" and the
 * log line that records the cause carries, so the bot's owner can find that line with grep. Eight
 * characters of Crockford's base32 (no I, L, O, U: read aloud or typed from a screenshot without
 * mix-ups) are 40 random bits, unique enough among one bot's failures.
 */
public final class ErrorIds {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  static final int LENGTH = 8;

  private final RandomGenerator random;
  private final Consumer<String> issued;

  /**
   * @param issued told each new id: every id stands for one member told "something went wrong"
   */
  public ErrorIds(RandomGenerator random, Consumer<String> issued) {
    this.random = random;
    this.issued = issued;
  }

  /** A new id; call it once per failure a member is told about. */
  public String next() {
    long bits = random.nextLong();
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = CROCKFORD[(int) (bits & 31)];
      bits >>>= 5;
    }
    String made = new String(id);
    issued.accept(made);
    return made;
  }
}
