package dev.likesbot.spotify.webapi;

import dev.likesbot.check.Check;
import dev.likesbot.config.BotConfig;
import dev.likesbot.metrics.Metrics;
import java.io.IOException;
import java.time.InstantSource;
import org.apache.hc.core5.http.ParseException;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * {@code --check} for Spotify: a client-credentials token request proves the client id and secret
 * without any member's login. The token it gets is dropped unused.
 */
public final class SpotifySetupCheck {
  static final String SUBJECT = "Spotify app (spotify.client-id, spotify.client-secret)";

  private final BotConfig.Spotify config;
  private final RoutedHttpManager http;

  public SpotifySetupCheck(BotConfig.Spotify config, InstantSource clock) {
    this.config = config;
    this.http = WebApiSpotify.httpManager(config, clock, Metrics.NONE);
  }

  public Check run() {
    try {
      SpotifyApi.builder()
          .setHttpManager(http)
          .setClientId(config.clientId())
          .setClientSecret(config.clientSecret().reveal())
          .build()
          .clientCredentials()
          .build()
          .execute();
      return Check.passed(SUBJECT, "Spotify accepted the client id and secret");
    } catch (SpotifyHttpError e) {
      if (e.status() == 400 || e.status() == 401) {
        return Check.failed(
            SUBJECT,
            "Spotify rejected the client id or secret (" + e.code() + ")",
            "copy the Client ID and Client secret again from https://developer.spotify.com/dashboard"
                + " → your app → Settings into spotify.client-id and spotify.client-secret");
      }
      return Check.failed(
          SUBJECT,
          "Spotify's accounts service answered HTTP " + e.status(),
          "try again in a minute; if it persists, check https://developer.spotify.com/status");
    } catch (IOException e) {
      return Check.failed(
          SUBJECT,
          "cannot reach Spotify at spotify.accounts-base-url="
              + config.accountsBaseUrl()
              + ": "
              + e.getClass().getSimpleName(),
          "check the network connection; leave spotify.accounts-base-url at its default unless"
              + " you point the bot at a test double");
    } catch (SpotifyWebApiException | ParseException | RuntimeException e) {
      return Check.failed(
          SUBJECT,
          "Spotify's token answer was unreadable",
          "leave spotify.accounts-base-url at its default unless you point the bot at a test"
              + " double");
    }
  }
}
