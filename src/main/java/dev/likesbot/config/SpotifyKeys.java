package dev.likesbot.config;

import java.net.URI;
import java.time.Duration;

/** The {@code spotify.*} keys: the app's credentials, its redirect URI, Spotify's addresses. */
final class SpotifyKeys {
  private SpotifyKeys() {}

  static BotConfig.Spotify read(KeyReader in) {
    String clientId =
        in.required(
            "spotify.client-id",
            "the Client ID of your app at https://developer.spotify.com/dashboard");
    Secret clientSecret =
        in.secret(
            "spotify.client-secret",
            "the Client secret of your app at https://developer.spotify.com/dashboard");
    URI redirect = redirectUri(in);
    URI accounts = in.url("spotify.accounts-base-url", "http", "https");
    URI api = in.url("spotify.api-base-url", "http", "https");
    int timeoutSeconds = in.integer("spotify.request-timeout-seconds", 1, 120);
    return new BotConfig.Spotify(
        clientId, clientSecret, redirect, accounts, api, Duration.ofSeconds(timeoutSeconds));
  }

  /** An http(s) URL with a path the web server leaves to the callback; {@code null} if not. */
  private static URI redirectUri(KeyReader in) {
    String key = "spotify.redirect-uri";
    String value =
        in.required(
            key,
            "the public URL of this bot's callback, e.g. http://127.0.0.1:8080/callback, registered as a Redirect URI of your Spotify app");
    if (value.isEmpty()) {
      return null;
    }
    URI uri = KeyReader.parseAbsolute(value);
    if (uri == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getPath() == null
        || uri.getPath().length() < 2
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      in.problem(
          key,
          "is '"
              + value
              + "': use an absolute http(s) URL with a path and no query, such as"
              + " http://127.0.0.1:8080/callback, exactly as registered in your Spotify app");
      return null;
    }
    if (BotConfig.Web.reserved(uri.normalize().getPath())) {
      in.problem(
          key,
          "has the path "
              + uri.getPath()
              + ", which the bot's web server answers itself (it serves "
              + String.join(", ", BotConfig.Web.OWN_PATHS)
              + " and the login pages under "
              + BotConfig.Web.LOGIN_PATH
              + "/): use another path such as /callback, here and as the Redirect URI of your"
              + " Spotify app");
      return null;
    }
    return uri;
  }
}
