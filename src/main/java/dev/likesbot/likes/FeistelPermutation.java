package dev.likesbot.likes;

/**
 * A pseudorandom permutation of {@code [0, size)} chosen by {@code key}, computed one position at a
 * time: a balanced Feistel network over the smallest even power of two that holds {@code size},
 * with cycle-walking (re-encrypting until the value falls inside {@code [0, size)}), so walking
 * positions 0, 1, 2… visits every index exactly once with O(1) state.
 *
 * <p>A Feistel network is a bijection whatever its round function, and cycle-walking keeps it one
 * on the smaller domain. The domain is less than 4 × size, so a position costs a few rounds.
 */
public record FeistelPermutation(int size, long key) {
  private static final int ROUNDS = 6;

  public FeistelPermutation {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, was " + size);
    }
  }

  /** The index at {@code position} of the permutation. */
  public int at(int position) {
    if (position < 0 || position >= size) {
      throw new IndexOutOfBoundsException("position " + position + " of " + size);
    }
    int halfBits = halfBits(size);
    long value = position;
    do {
      value = encrypt(value, halfBits);
    } while (value >= size);
    return (int) value;
  }

  /** Half the bits of the smallest even-width domain holding {@code size} values (at least 1). */
  private static int halfBits(int size) {
    int bits = 64 - Long.numberOfLeadingZeros(size - 1L);
    return Math.max(1, (bits + 1) / 2);
  }

  private long encrypt(long value, int halfBits) {
    long mask = (1L << halfBits) - 1;
    long left = value >>> halfBits;
    long right = value & mask;
    for (int round = 0; round < ROUNDS; round++) {
      long next = left ^ (mix(right, round) & mask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }

  /** SplitMix64's finaliser over the half, the round and the key: a well-spread round function. */
  private long mix(long half, int round) {
    long z = half + key + (round + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
