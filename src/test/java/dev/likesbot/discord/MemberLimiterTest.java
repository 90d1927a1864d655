package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.MemberLimiter.Admission;
import dev.likesbot.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberLimiterTest {
  private final FakeTime time = new FakeTime();
  private final MemberLimiter limiter =
      new MemberLimiter(10, Duration.ofSeconds(1), Duration.ofSeconds(10), time);

  private List<Admission> admit(String member, int times) {
    List<Admission> result = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      result.add(limiter.admit(member));
    }
    return result;
  }

  private static Admission held(long seconds) {
    return new Admission.Held(Duration.ofSeconds(seconds));
  }

  @Test
  void aBurstGoesThroughAtOnce() {
    assertThat(admit("ada", 10)).containsOnly(new Admission.Now()).hasSize(10);
  }

  @Test
  void beyondTheBurstUsesAreHeldOneRefillApartThenRefused() {
    admit("ada", 10);

    assertThat(admit("ada", 11))
        .containsExactly(
            held(1),
            held(2),
            held(3),
            held(4),
            held(5),
            held(6),
            held(7),
            held(8),
            held(9),
            held(10),
            new Admission.Refused(Duration.ofSeconds(11)));
  }

  @Test
  void aRefusedUseIsNotCountedSoTheHeldOnesKeepTheirSlots() {
    admit("ada", 20);
    admit("ada", 5); // refused

    time.advance(Duration.ofSeconds(1));

    assertThat(limiter.admit("ada")).isEqualTo(held(10));
  }

  @Test
  void theBudgetRefillsWithTimeButNeverBeyondTheBurst() {
    admit("ada", 10);
    time.advance(Duration.ofSeconds(3));
    assertThat(admit("ada", 4))
        .containsExactly(new Admission.Now(), new Admission.Now(), new Admission.Now(), held(1));

    time.advance(Duration.ofHours(1));
    assertThat(admit("ada", 11))
        .endsWith(held(1))
        .filteredOn(a -> a instanceof Admission.Now)
        .hasSize(10);
  }

  @Test
  void aMemberPressingOncePerSecondIsNeverHeld() {
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.admit("ada")).isEqualTo(new Admission.Now());
      time.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void eachMemberHasTheirOwnBudget() {
    admit("ada", 25);

    assertThat(limiter.admit("bob")).isEqualTo(new Admission.Now());
  }

  @Test
  void theRefusalSaysWhenAUseGoesThroughAtOnceAgain() {
    admit("ada", 20);
    Admission.Refused refused = (Admission.Refused) limiter.admit("ada");

    time.advance(refused.retryAfter());

    assertThat(limiter.admit("ada")).isEqualTo(new Admission.Now());
  }

  @Test
  void noMaxWaitRefusesEverythingBeyondTheBurst() {
    MemberLimiter strict = new MemberLimiter(2, Duration.ofSeconds(1), Duration.ZERO, time);

    assertThat(List.of(strict.admit("ada"), strict.admit("ada"), strict.admit("ada")))
        .containsExactly(
            new Admission.Now(), new Admission.Now(), new Admission.Refused(Duration.ofSeconds(1)));
  }

  @Test
  void aBurstOfZeroTurnsTheLimitOff() {
    MemberLimiter off = new MemberLimiter(0, Duration.ofSeconds(1), Duration.ZERO, time);

    assertThat(off.enabled()).isFalse();
    for (int i = 0; i < 1000; i++) {
      assertThat(off.admit("ada")).isEqualTo(new Admission.Now());
    }
    assertThat(MemberLimiter.off().admit("ada")).isEqualTo(new Admission.Now());
  }
}
