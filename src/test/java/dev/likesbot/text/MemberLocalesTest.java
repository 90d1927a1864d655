package dev.likesbot.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.store.StoreException;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A member's language outlives their interaction, costing the store a write only on a change. */
class MemberLocalesTest {
  private static final Locale GERMAN = Locale.forLanguageTag("de");

  private final InMemoryStore store = new InMemoryStore();
  private final FakeTime time = new FakeTime();
  private final MemberLocales locales = new MemberLocales(store, time);

  @Test
  void theLocaleOfTheLastInteractionIsWhatLaterMessagesUse() {
    locales.remember("1", GERMAN);

    assertThat(store.locales).containsEntry("1", "de");
    assertThat(new MemberLocales(store, time).texts("1").locale())
        .as("after a restart, from the store")
        .isEqualTo(Locale.GERMAN);
  }

  @Test
  void theSameLocaleAgainIsNotWrittenAgainButAChangeIs() {
    locales.remember("1", GERMAN);
    locales.remember("1", GERMAN);
    locales.remember("1", GERMAN);
    assertThat(store.localeWrites).hasValue(1);

    locales.remember("1", Locale.forLanguageTag("en-GB"));

    assertThat(store.localeWrites).hasValue(2);
    assertThat(store.locales).containsEntry("1", "en-GB");
  }

  @Test
  void whatWasWrittenIsTrustedForADayThenWrittenAgain() {
    locales.remember("1", GERMAN);
    store.locales.put("1", "fr"); // another instance on the same database

    time.advance(MemberLocales.TRUST_WRITTEN.plus(Duration.ofSeconds(1)));
    locales.remember("1", GERMAN);

    assertThat(store.locales).containsEntry("1", "de");
  }

  @Test
  void aForgottenMemberIsWrittenAgainOnTheirNextUse() {
    locales.remember("1", GERMAN);
    store.delete("1");
    locales.forget("1");

    locales.remember("1", GERMAN);

    assertThat(store.locales).containsEntry("1", "de");
  }

  @Test
  void aMemberNeverSeenAndAnUntranslatedLanguageReadEnglish() {
    locales.remember("2", Locale.forLanguageTag("pt-BR"));

    assertThat(locales.texts("1").locale()).isEqualTo(Locale.ENGLISH);
    assertThat(locales.texts("2").locale()).isEqualTo(Locale.ENGLISH);
    assertThat(store.locales).as("kept as Discord said it").containsEntry("2", "pt-BR");
  }

  @Test
  void aStoreThatFailsCostsNoCommandAndTheLastSeenLocaleStillServes() {
    locales.remember("1", GERMAN);
    store.down = new StoreException("down", null);

    locales.remember("2", GERMAN);

    assertThat(locales.texts("1").locale()).isEqualTo(Locale.GERMAN);
    assertThat(locales.texts("2").locale()).as("never written").isEqualTo(Locale.ENGLISH);
  }
}
