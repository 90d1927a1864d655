package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A public deployment's login, in a real browser: the bot answers at bot.example.test (mapped to
 * 127.0.0.1 inside Chromium) over plain http, with the fake Spotify as the accounts service.
 */
class LoginBrowserIT {
  private static final String HOST = "bot.example.test";

  @TempDir Path dir;
  private BotHarness bot;
  private String origin;

  @BeforeEach
  void start() {
    Chromium.requireInstalled();
    bot = new BotHarness(dir);
    origin = "http://" + HOST + ":" + bot.webPort;
    String redirect = origin + "/callback";
    bot.spotify.registerRedirectUri(redirect);
    bot.with("SPOTIFY_REDIRECT_URI", redirect).start();
    bot.spotify.addUser("mallory-sp", "Mallory on Spotify", 12);
    bot.spotify.addUser("victor-sp", "Victor on Spotify", 34);
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  /** The member runs /link in the DM; the URL of its answer's login button. */
  private String loginLink(FakeUser member) {
    Reply reply = bot.run(member, "link", null);
    assertThat(reply.content()).startsWith("Log in with Spotify");
    return BotHarness.firstButtonUrl(reply.raw());
  }

  private static WebDriverWait waitIn(Chromium browser) {
    WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15));
    wait.withMessage(
        () ->
            "browser at "
                + browser.driver.getCurrentUrl()
                + " showing: "
                + text(browser).replace('\n', ' ')
                + "; console: "
                + browser.consoleLog());
    return wait;
  }

  private static String text(Chromium browser) {
    return browser.driver.findElement(By.tagName("body")).getText();
  }

  @Test
  void aMemberLinksThroughTheConfirmationPageAndSpotifysConsent() throws Exception {
    FakeUser mallory = bot.discord.user(501, "mallory");
    String link = loginLink(mallory);
    assertThat(link).startsWith(origin + "/login/");
    // A link preview or scanner fetching the page binds and spends nothing.
    assertThat(BotHarness.get(URI.create(link.replace(HOST, "127.0.0.1"))).statusCode())
        .isEqualTo(200);

    try (Chromium browser = new Chromium(HOST)) {
      browser.driver.get(link);
      assertThat(browser.driver.getTitle()).isEqualTo("Link Spotify to @mallory? — likes-bot");
      assertThat(text(browser))
          .contains("LIKES-BOT")
          .contains("This login link is for the Discord account @mallory.")
          .contains("Continue only if you ran /link yourself.")
          .contains("Not you? Close this tab and go back to Discord");
      browser.screenshots("1-login-page");

      bot.spotify.nextLogin("mallory-sp");
      browser.driver.findElement(By.tagName("button")).click();
      waitIn(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("agree")));
      assertThat(text(browser)).contains("You are logged in as Mallory on Spotify");
      browser.driver.findElement(By.id("agree")).click();

      waitIn(browser).until(ExpectedConditions.titleContains("Spotify linked"));
      assertThat(browser.driver.getCurrentUrl()).startsWith(origin + "/callback?");
      assertThat(browser.driver.getTitle()).isEqualTo("Spotify linked — likes-bot");
      assertThat(text(browser))
          .contains("Spotify account Mallory on Spotify is now linked to Discord member mallory.")
          .contains("You can close this tab and go back to Discord.");
      assertThat(browser.driver.manage().getCookies())
          .as("the login cookie is scoped to the callback path and cleared there")
          .isEmpty();
      browser.screenshots("2-linked");
    }
    bot.discord.awaitDm(
        mallory.id(), BotHarness.TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
    assertThat(bot.run(mallory, "link", null).content()).contains("Linked as Mallory on Spotify");
  }

  @Test
  void spotifysLoginForwardedToAnotherBrowserLinksNothing() throws Exception {
    FakeUser mallory = bot.discord.user(502, "mallory");
    String link = loginLink(mallory);
    String forwarded;
    try (Chromium mallorys = new Chromium(HOST)) {
      mallorys.driver.get(link);
      bot.spotify.nextLogin("mallory-sp");
      mallorys.driver.findElement(By.tagName("button")).click();
      waitIn(mallorys).until(ExpectedConditions.presenceOfElementLocated(By.id("agree")));
      // Mallory stops at Spotify and posts this URL: Spotify's login with her state.
      forwarded = mallorys.driver.getCurrentUrl();
    }
    assertThat(forwarded).contains("/authorize?").contains("show_dialog=true");

    try (Chromium victors = new Chromium(HOST)) {
      bot.spotify.nextLogin("victor-sp");
      victors.driver.get(forwarded);
      waitIn(victors).until(ExpectedConditions.presenceOfElementLocated(By.id("agree")));
      assertThat(text(victors)).contains("You are logged in as Victor on Spotify");
      victors.driver.findElement(By.id("agree")).click();

      waitIn(victors).until(ExpectedConditions.titleContains("Not linked"));
      assertThat(victors.driver.getTitle()).isEqualTo("Not linked: another browser — likes-bot");
      assertThat(text(victors))
          .contains("This Spotify login was not started in this browser, so nothing was linked.")
          .contains("Run /link in Discord again")
          .contains("You can close this tab and go back to Discord.");
      victors.screenshots("3-other-browser-refused");
    }

    assertThat(bot.spotify.requests())
        .as("no login code was exchanged")
        .noneMatch(r -> r.path().equals("/api/token"));
    assertThat(bot.run(mallory, "link", null).content())
        .as("Mallory is not linked to Victor's account")
        .startsWith("Log in with Spotify");
  }

  /**
   * A Discord name is whatever the member typed: markup, a right-to-left override, emoji, no
   * spaces. The page shows it as text, fits a phone, keeps its own style, and runs no script even
   * if one got in.
   */
  @Test
  void theLoginPageShowsAnyNameAsTextAtPhoneWidthUnderItsPolicy() {
    String name = "<b>x</b>\u202E\uD83D\uDC69\u200D\uD83D\uDC67 " + "w".repeat(60);
    FakeUser member = bot.discord.user(503, name);
    String link = loginLink(member);

    try (Chromium browser = new Chromium(HOST)) {
      browser.emulate(Chromium.Screen.PHONE, "dark");
      browser.driver.get(link);

      assertThat(text(browser)).contains("This login link is for the Discord account @<b>x</b>");
      assertThat(browser.driver.findElements(By.tagName("b"))).isEmpty();
      Object overflow =
          browser.driver.executeScript(
              "return document.documentElement.scrollWidth - window.innerWidth;");
      assertThat(((Number) overflow).intValue())
          .as("no sideways scrolling on a phone")
          .isLessThanOrEqualTo(0);
      assertThat(browser.driver.findElement(By.tagName("button")).getCssValue("background-color"))
          .as("the page's own style applies under its policy")
          .isEqualTo("rgba(29, 185, 84, 1)");
      assertThat(browser.consoleLog())
          .as("no load refused by the policy")
          .doesNotContain("Content Security Policy");
      browser.screenshots("5-login-page-any-name");

      // An inline script that somehow got into the page is refused by the policy, not run.
      Object ran =
          browser.driver.executeScript(
              "const s = document.createElement('script');"
                  + " s.textContent = 'window.injected = true;';"
                  + " document.body.appendChild(s);"
                  + " return window.injected === true;");
      assertThat(ran).isEqualTo(false);
      assertThat(browser.consoleLog()).contains("Content Security Policy");
    }
  }

  @Test
  void anExpiredOrUnknownLoginPageSaysSoPlainly() {
    try (Chromium browser = new Chromium(HOST)) {
      browser.driver.get(origin + "/login/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      assertThat(browser.driver.getTitle()).isEqualTo("Login link unknown or used — likes-bot");
      assertThat(text(browser)).contains("run /link to get a new one");
      browser.screenshots("4-unknown-login");
    }
  }
}
