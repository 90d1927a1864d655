package dev.likesbot.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import dev.likesbot.store.StoredLink;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.NoLocales;
import dev.likesbot.testing.RecordingMessenger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryRemindersTest {
  private static final Instant LINKED = Instant.parse("2026-01-10T08:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-07-10T08:00:00Z");

  private final FakeTime time = new FakeTime(LINKED);
  private final InMemoryStore store = new InMemoryStore();
  private final RecordingMessenger messenger = new RecordingMessenger();
  private final ExpiryReminders reminders =
      new ExpiryReminders(store, messenger, time, NoLocales.memberLocales());

  private void link(String user, Instant at) {
    store.save(new StoredLink(user, "s", "N", "a", "r", at.plusSeconds(3600), at));
  }

  private void at(Instant instant) {
    time.advance(Duration.between(time.instant(), instant));
  }

  @Test
  void aLinkExpiresSixCalendarMonthsAfterConsent() {
    assertThat(ExpiryReminders.expiresAround(LINKED)).isEqualTo(EXPIRES);
  }

  @Test
  void remindsOnceAboutTwoWeeksBeforeTheEndWithARelinkButton() {
    link("42", LINKED);

    at(EXPIRES.minus(Duration.ofDays(15)));
    assertThat(reminders.sweep()).as("too early").isZero();

    at(EXPIRES.minus(Duration.ofDays(14)));
    assertThat(reminders.sweep()).isEqualTo(1);
    time.advance(Duration.ofDays(1));
    assertThat(reminders.sweep()).as("the next day").isZero();

    Reply dm = messenger.sent.get("42").get(0);
    assertThat(dm.content()).contains("<t:" + EXPIRES.getEpochSecond() + ":D>").contains("Relink");
    assertThat(dm.buttons()).containsExactly(new Reply.ActionButton("Relink", "link:relink:42"));
    assertThat(messenger.sent.get("42")).hasSize(1);
  }

  @Test
  void aReminderDiscordFailedToDeliverIsTriedAgainTheNextDay() {
    link("42", LINKED);
    messenger.failing.add("42");
    at(EXPIRES.minus(Duration.ofDays(14)));
    assertThat(reminders.sweep()).isEqualTo(1);
    assertThat(messenger.sent.get("42")).isNull();

    messenger.failing.clear();
    time.advance(Duration.ofDays(1));

    assertThat(reminders.sweep()).isEqualTo(1);
    assertThat(messenger.sent.get("42")).hasSize(1);
    time.advance(Duration.ofDays(1));
    assertThat(reminders.sweep()).as("once delivered, never again").isZero();
  }

  @Test
  void aNewLinkGetsItsOwnReminder() {
    link("42", LINKED);
    at(EXPIRES.minus(Duration.ofDays(10)));
    reminders.sweep();

    Instant relinked = time.instant();
    link("42", relinked);
    assertThat(reminders.sweep()).as("the new link is young").isZero();
    at(ExpiryReminders.expiresAround(relinked).minus(Duration.ofDays(13)));

    assertThat(reminders.sweep()).isEqualTo(1);
    assertThat(messenger.sent.get("42")).hasSize(2);
  }

  @Test
  void aLinkPastItsEndGetsNoReminder() {
    link("42", LINKED);
    at(EXPIRES.plusSeconds(1));

    assertThat(reminders.sweep()).isZero();
    assertThat(messenger.sent).isEmpty();
  }
}
