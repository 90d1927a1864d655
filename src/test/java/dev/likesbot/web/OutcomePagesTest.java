package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.link.LinkOutcome.Refused;
import dev.likesbot.link.LoginStep.Unusable;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a link can fail has the page and status members have always seen. */
class OutcomePagesTest {
  private record Answer(int status, String line) {}

  private static final Map<Refused, Answer> CALLBACK =
      Map.ofEntries(
          Map.entry(
              Refused.NO_STATE,
              new Answer(
                  400,
                  "This page needs the link from /link: run /link in Discord and use the button it"
                      + " sends you.")),
          Map.entry(
              Refused.UNKNOWN_STATE,
              new Answer(
                  400,
                  "This login link is unknown or was already used — run /link to get a new one.")),
          Map.entry(
              Refused.EXPIRED,
              new Answer(400, "This login link expired — run /link to get a new one.")),
          Map.entry(
              Refused.NOT_THIS_BROWSER,
              new Answer(
                  403,
                  "This Spotify login was not started in this browser, so nothing was linked. Run"
                      + " /link in Discord again, then open its button and log in to Spotify in one"
                      + " browser.")),
          Map.entry(Refused.CANCELLED, new Answer(400, "Link cancelled — run /link to try again.")),
          Map.entry(
              Refused.SPOTIFY_ERROR,
              new Answer(400, "Spotify could not log you in — run /link to try again.")),
          Map.entry(
              Refused.NO_CODE,
              new Answer(400, "Spotify sent no login code — run /link to try again.")),
          Map.entry(
              Refused.SPOTIFY_UNAVAILABLE,
              new Answer(
                  503, "Spotify is having trouble right now — run /link again in a minute.")),
          Map.entry(
              Refused.ACCOUNT_NOT_ALLOWED,
              new Answer(
                  403,
                  "Spotify refused this account: this bot's Spotify app lets in only the accounts its"
                      + " owner added. Send the bot's owner the e-mail address of your Spotify"
                      + " account; once they have added it in the Spotify developer dashboard, run"
                      + " /link again.")),
          Map.entry(
              Refused.CODE_REFUSED,
              new Answer(
                  400,
                  "Spotify did not accept this login (it may have expired) — run /link again.")),
          Map.entry(
              Refused.QUOTA_EXCEEDED,
              new Answer(
                  503,
                  "This bot has used up its Spotify request quota for now, so nothing was linked"
                      + " — run /link again later. If it lasts, let the bot's owner know.")),
          Map.entry(
              Refused.QUOTA_EXCEEDED_OWNER_TOLD,
              new Answer(
                  503,
                  "This bot has used up its Spotify request quota for now, so nothing was linked"
                      + " — run /link again later. The bot's owner has been told.")));

  @Test
  void everyRefusedCallbackKeepsItsStatusAndItsNotLinkedPage() {
    assertThat(CALLBACK).containsOnlyKeys(Arrays.asList(Refused.values()));
    CALLBACK.forEach(
        (refused, answer) -> {
          assertThat(CallbackServer.status(refused)).as("%s", refused).isEqualTo(answer.status());
          assertThat(Pages.notLinked(refused))
              .as("%s", refused)
              .isEqualTo(Pages.message(Pages.title(refused), answer.line()));
        });
  }

  @Test
  void anUnknownLoginIsNotFoundAndAnExpiredOneIsGone() {
    assertThat(CallbackServer.status(Unusable.UNKNOWN_STATE)).isEqualTo(404);
    assertThat(CallbackServer.status(Unusable.EXPIRED)).isEqualTo(410);
    assertThat(Pages.unusableLogin(Unusable.UNKNOWN_STATE))
        .isEqualTo(
            Pages.message(
                "Login link unknown or used",
                "This login link is unknown or was already used — run /link to get a new one."));
    assertThat(Pages.unusableLogin(Unusable.EXPIRED))
        .isEqualTo(
            Pages.message(
                "Login link expired", "This login link expired — run /link to get a new one."));
  }
}
