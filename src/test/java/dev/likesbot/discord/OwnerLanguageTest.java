package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.logging.ErrorIds;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingMessenger;
import dev.likesbot.text.MemberLocales;
import dev.likesbot.text.Texts;
import java.security.SecureRandom;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The owner's DMs are in the owner's remembered language, English when they never used the bot;
 * what a member reads names the owner in the member's language.
 */
class OwnerLanguageTest {
  private static final LinkCheck LINKED =
      new LinkCheck(member -> true, IllegalStateException.class);

  private final InMemoryStore store = new InMemoryStore();
  private final FakeTime time = new FakeTime();
  private final MemberLocales locales = new MemberLocales(store, time);
  private final RecordingMessenger messenger = new RecordingMessenger();
  private final Owner owner = new Owner();
  private final OwnerAlerts alerts = new OwnerAlerts(owner, messenger, time, locales);

  @Test
  void aGermanOwnerIsToldInGermanAboutARefusedMember() {
    owner.known("9", "Olga");
    locales.remember("9", Locale.GERMAN);

    alerts.refusedAccount("7");

    assertThat(messenger.sent.get("9"))
        .singleElement()
        .satisfies(dm -> assertThat(dm.content()).startsWith("Spotify hat <@7> (Discord-ID 7)"));
  }

  @Test
  void anOwnerWhoNeverUsedTheBotIsToldInEnglish() {
    owner.known("9", "Olga");

    alerts.quotaExceeded();

    assertThat(messenger.sent.get("9"))
        .singleElement()
        .satisfies(
            dm -> assertThat(dm.content()).startsWith("Spotify says this bot's Spotify app"));
  }

  @Test
  void aGermanMemberReadsTheQuotaReplyWithTheOwnerInGerman() {
    ErrorReplies errors = new ErrorReplies(alerts, new ErrorIds(new SecureRandom(), id -> {}));
    SpotifyException quota = new SpotifyException(SpotifyException.Reason.QUOTA_EXCEEDED, "429");

    String unnamed =
        errors
            .explain(Texts.of(Locale.GERMAN), quota, "7", LINKED, new CommandMentions())
            .orElseThrow();

    assertThat(unnamed)
        .isEqualTo(
            "Dieser Bot hat sein Kontingent an Spotify-Anfragen vorerst aufgebraucht – versuch es"
                + " später noch mal. Wenn das anhält, sag dem Betreiber des Bots Bescheid.");

    owner.known("9", "Olga");
    assertThat(errors.forbidden(Texts.ENGLISH))
        .contains("Send <@9> (the bot's owner) the e-mail address");
  }
}
