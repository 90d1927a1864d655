package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeistelPermutationTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 100, 1000, 1024, 1025, 65_537, 100_003})
  void isABijectionOfZeroToSize(int size) {
    for (long key : new long[] {0L, 42L, -7L, 0x5DEECE66DL}) {
      FeistelPermutation permutation = new FeistelPermutation(size, key);
      BitSet seen = new BitSet(size);
      for (int position = 0; position < size; position++) {
        int index = permutation.at(position);
        assertThat(index).isBetween(0, size - 1);
        assertThat(seen.get(index)).as("index %d seen twice (size %d)", index, size).isFalse();
        seen.set(index);
      }
      assertThat(seen.cardinality()).isEqualTo(size);
    }
  }

  @Test
  void differentKeysGiveDifferentOrders() {
    int[] a = IntStream.range(0, 1000).map(new FeistelPermutation(1000, 1)::at).toArray();
    int[] b = IntStream.range(0, 1000).map(new FeistelPermutation(1000, 2)::at).toArray();

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shufflesRatherThanKeepingTheOrder() {
    FeistelPermutation permutation = new FeistelPermutation(10_000, 99);
    long inPlace = IntStream.range(0, 10_000).filter(i -> permutation.at(i) == i).count();
    long ascendingSteps =
        IntStream.range(1, 10_000)
            .filter(i -> permutation.at(i) == permutation.at(i - 1) + 1)
            .count();

    // A uniform shuffle has about one fixed point and one ascending step in 10,000 on average.
    assertThat(inPlace).isLessThan(20);
    assertThat(ascendingSteps).isLessThan(20);
  }

  @Test
  void isTheSameForTheSameKey() {
    assertThat(new FeistelPermutation(777, 5).at(123))
        .isEqualTo(new FeistelPermutation(777, 5).at(123));
  }

  @Test
  void refusesPositionsOutsideTheDomainAndEmptyDomains() {
    assertThatThrownBy(() -> new FeistelPermutation(3, 1).at(3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new FeistelPermutation(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
