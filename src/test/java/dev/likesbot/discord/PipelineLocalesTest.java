package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.metrics.Metrics;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.text.MemberLocales;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The pipeline answers in the language of the member behind each interaction, and remembers that
 * language for later DMs with a store write only when it changed.
 */
class PipelineLocalesTest {
  private static final Locale GERMAN = Locale.forLanguageTag("de");

  private final InMemoryStore store = new InMemoryStore();
  private final MemberLocales locales = new MemberLocales(store, new FakeTime());

  /** A command that needs a link and answers "ok" when it runs. */
  private final SlashCommand feature =
      new SlashCommand() {
        @Override
        public CommandSpec spec() {
          return CommandSpec.of("x", "d");
        }

        @Override
        public Checks checks() {
          return Checks.SPOTIFY;
        }

        @Override
        public void handle(CommandCall call) {
          call.reply(Reply.privately("ok"));
        }
      };

  private InteractionPipeline pipeline(boolean linked) {
    return new InteractionPipeline(
        List.of(feature),
        new LinkCheck(member -> linked, IllegalStateException.class),
        Runnable::run,
        MemberLimiter.off(),
        Metrics.NONE,
        TestPipeline.withoutOwner(),
        locales);
  }

  private static RecordingCall.Command command(String user, Locale locale) {
    RecordingCall.Command call = RecordingCall.command(user, null);
    call.locale = locale;
    return call;
  }

  @Test
  void aGermanMemberIsToldInGermanThatTheyAreNotLinkedOrTheCommandIsGone() {
    RecordingCall.Command notLinked = command("1", GERMAN);
    RecordingCall.Command gone = command("1", GERMAN);

    pipeline(false).command("x", "x", untilReply -> notLinked);
    pipeline(false).command("gone", "gone", untilReply -> gone);

    assertThat(notLinked.onlyReply().content())
        .isEqualTo("Verknüpfe zuerst mit /link dein Spotify-Konto.");
    assertThat(gone.onlyReply().content()).isEqualTo("Diesen Befehl gibt es nicht mehr.");
  }

  @Test
  void eachMembersLanguageIsWrittenOnceUntilItChanges() {
    InteractionPipeline pipeline = pipeline(true);

    for (int i = 0; i < 3; i++) {
      pipeline.command("x", "x", untilReply -> command("1", GERMAN));
    }
    pipeline.command("x", "x", untilReply -> command("2", Locale.forLanguageTag("pt-BR")));

    assertThat(store.locales).containsEntry("1", "de").containsEntry("2", "pt-BR");
    assertThat(store.localeWrites).hasValue(2);

    pipeline.command("x", "x", untilReply -> command("1", Locale.forLanguageTag("en-GB")));

    assertThat(store.locales).containsEntry("1", "en-GB");
    assertThat(store.localeWrites).hasValue(3);
  }
}
