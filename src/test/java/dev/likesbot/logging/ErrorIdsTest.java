package dev.likesbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ErrorIdsTest {

  /** Whatever the randomness gives, an id is 8 characters a person can read back unambiguously. */
  @Property
  void anIdIsEightCrockfordCharactersWithoutILOU(@ForAll long bits) {
    assertThat(new ErrorIds(() -> bits, id -> {}).next()).matches("[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}");
  }

  @Test
  void idsComeFromTheInjectedRandomnessAndEachIsReportedOnce() {
    List<String> issued = new ArrayList<>();
    ErrorIds ids = new ErrorIds(new SplittableRandom(7), issued::add);
    ErrorIds same = new ErrorIds(new SplittableRandom(7), id -> {});

    String first = ids.next();
    String second = ids.next();

    assertThat(first).isEqualTo(same.next()).isNotEqualTo(second);
    assertThat(second).isEqualTo(same.next());
    assertThat(issued).containsExactly(first, second);
    assertThat(new ErrorIds(() -> 0L, id -> {}).next()).isEqualTo("00000000");
    assertThat(new ErrorIds(() -> -1L, id -> {}).next()).isEqualTo("ZZZZZZZZ");
  }
}
