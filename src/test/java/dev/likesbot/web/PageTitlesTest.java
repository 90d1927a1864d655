package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LoginStep;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A page's title (what a tab and a screen reader announce first) says what happened. */
class PageTitlesTest {
  private static final Pattern TITLE = Pattern.compile("<title>(.*)</title>");

  private static String titleOf(String html) {
    Matcher m = TITLE.matcher(html);
    assertThat(m.find()).as("a title in %s", html).isTrue();
    return m.group(1);
  }

  @Test
  void everyRefusedCallbackIsTitledWithWhatHappened() {
    assertThat(titleOf(Pages.notLinked(LinkOutcome.Refused.EXPIRED)))
        .isEqualTo("Login link expired — likes-bot");
    assertThat(titleOf(Pages.notLinked(LinkOutcome.Refused.CANCELLED)))
        .isEqualTo("Link cancelled — likes-bot");
    assertThat(titleOf(Pages.notLinked(LinkOutcome.Refused.UNKNOWN_STATE)))
        .isEqualTo("Login link unknown or used — likes-bot");
    assertThat(
            Arrays.stream(LinkOutcome.Refused.values())
                .map(r -> titleOf(Pages.notLinked(r)))
                .filter(t -> t.equals("Not linked — likes-bot")))
        .as("no refusal keeps the general title")
        .isEmpty();
  }

  @Test
  void theTitleIsAlsoThePagesHeading() {
    for (LinkOutcome.Refused refused : LinkOutcome.Refused.values()) {
      assertThat(Pages.notLinked(refused)).contains("<h1>" + Pages.title(refused) + "</h1>");
    }
  }

  @Test
  void anUnusableLoginPageSaysWhetherItExpiredOrIsUnknown() {
    assertThat(titleOf(Pages.unusableLogin(LoginStep.Unusable.EXPIRED)))
        .isEqualTo("Login link expired — likes-bot");
    assertThat(titleOf(Pages.unusableLogin(LoginStep.Unusable.UNKNOWN_STATE)))
        .isEqualTo("Login link unknown or used — likes-bot");
  }

  @Test
  void aLinkedPageSaysItLinked() {
    assertThat(titleOf(Pages.linked("Ada", "Ada", "ada"))).isEqualTo("Spotify linked — likes-bot");
  }
}
