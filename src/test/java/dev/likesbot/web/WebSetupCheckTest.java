package dev.likesbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.check.Check;
import dev.likesbot.config.BotConfig;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code --check} says about {@code spotify.redirect-uri}, one case per kind of URI. */
class WebSetupCheckTest {
  private static final BotConfig.Web WEB =
      new BotConfig.Web("0.0.0.0", 8080, "/callback", true, Optional.empty());

  private static Check check(String redirect) {
    return WebSetupCheck.redirectUri(URI.create(redirect), WEB);
  }

  @Test
  void aLoopbackUriPassesButSaysOnlyThisMachineReachesItAndMembersPasteBack() {
    Check check = check("http://127.0.0.1:8080/callback");

    assertThat(check.passed()).isTrue();
    assertThat(check.finding())
        .contains("only a browser here reaches the callback /callback on port 8080")
        .contains("members finish linking by pasting the address")
        .contains("back into Discord");
    assertThat(check.finding()).doesNotStartWith("http://127.0.0.1:8080/callback reaches");
  }

  @Test
  void anIpv6LoopbackUriIsTreatedLikeTheIpv4One() {
    Check check = check("http://[::1]:8080/callback");

    assertThat(check.passed()).isTrue();
    assertThat(check.finding()).contains("only a browser here reaches the callback");
  }

  @Test
  void aLoopbackUriOnAnotherPortThanTheWebServerStillFails() {
    Check check = check("http://127.0.0.1:9090/callback");

    assertThat(check.passed()).isFalse();
    assertThat(check.finding()).contains("but the web server listens on web.port=8080");
  }

  @Test
  void plainHttpToANamedHostNamesSpotifysHttpsRuleAndTheUriToSet() {
    Check check = check("http://likes.example.org/callback");

    assertThat(check.passed()).isFalse();
    assertThat(check.finding())
        .contains("plain http only for 127.0.0.1 or [::1]")
        .contains("every other redirect URI must be https")
        .contains("http://likes.example.org/callback");
    assertThat(check.fix())
        .contains("set spotify.redirect-uri to https://likes.example.org/callback")
        .contains("forwards it and /login/ to web.port=8080")
        .contains("register that URI in your Spotify app");
  }

  @Test
  void plainHttpToAPublicAddressAsksForADomainNotAnHttpsIpAddress() {
    Check check = check("http://203.0.113.7:8080/callback");

    assertThat(check.passed()).isFalse();
    assertThat(check.finding()).contains("every other redirect URI must be https");
    assertThat(check.fix())
        .contains("https://<your domain>/callback")
        .doesNotContain("https://203.0.113.7");
  }

  @Test
  void aNameThatResolvesToLoopbackIsStillNotALoopbackLiteral() {
    Check check = check("http://localhost.example.test/callback");

    assertThat(check.passed()).isFalse();
    assertThat(check.finding()).contains("must be https");
  }

  @Test
  void localhostIsRefusedAsSpotifyDoes() {
    Check check = check("http://localhost:8080/callback");

    assertThat(check.passed()).isFalse();
    assertThat(check.finding()).contains("Spotify does not accept localhost");
  }

  /**
   * https on a loopback address is still this machine: the bot finishes logins by paste (no login
   * pages), so no reverse proxy lets members reach it, whatever the scheme.
   */
  @Test
  void httpsOnALoopbackAddressSaysMembersPasteBackNotThatAProxyReachesThem() {
    Check check = check("https://127.0.0.1/callback");

    assertThat(check.passed()).isTrue();
    assertThat(check.finding())
        .contains("only a browser here reaches the callback")
        .contains("members finish linking by pasting the address")
        .doesNotContain("your reverse proxy must");
  }

  @Test
  void httpsIsTakenToGoThroughAProxyForwardingTheCallbackAndTheLoginPages() {
    Check check = check("https://likes.example.org/callback");

    assertThat(check.passed()).isTrue();
    assertThat(check.finding())
        .isEqualTo(
            "https://likes.example.org/callback is served at /callback; your reverse proxy must"
                + " forward it and the login pages under /login/ to web.port=8080");
  }
}
