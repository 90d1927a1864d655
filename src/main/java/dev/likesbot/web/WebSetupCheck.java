package dev.likesbot.web;

import dev.likesbot.check.Check;
import dev.likesbot.config.BotConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** {@code --check} for the web server: the redirect URI reaches it, and its port is free. */
public final class WebSetupCheck {
  private static final String REDIRECT = "Redirect URI (spotify.redirect-uri)";
  private static final String PORT = "Web server (web.host, web.port)";

  private WebSetupCheck() {}

  /**
   * Spotify sends members to the redirect URI, so it must be an absolute http(s) URL that ends up
   * at the callback path on {@code web.port}. Spotify accepts plain http only for loopback IP
   * literals (not {@code localhost}); such a URI is fine, but only a browser on this machine
   * reaches it, so members finish by pasting the address back into Discord, and the check says so
   * rather than claiming members reach the callback. An https URL is taken to reach the port
   * through a reverse proxy.
   */
  public static Check redirectUri(URI redirect, BotConfig.Web web) {
    String scheme =
        redirect.getScheme() == null ? "" : redirect.getScheme().toLowerCase(Locale.ROOT);
    String host = redirect.getHost() == null ? "" : redirect.getHost();
    if (!redirect.isAbsolute()
        || host.isEmpty()
        || !(scheme.equals("http") || scheme.equals("https"))) {
      return Check.failed(
          REDIRECT,
          redirect + " is not an absolute http(s) URL",
          "use e.g. http://127.0.0.1:" + web.port() + "/callback, registered in your Spotify app");
    }
    // A path the server answers itself never gets here: BotConfig rejects it.
    String path = redirect.getPath();
    if (scheme.equals("http")) {
      if (host.equalsIgnoreCase("localhost")) {
        return Check.failed(
            REDIRECT,
            "Spotify does not accept localhost in redirect URIs",
            "use http://127.0.0.1:" + web.port() + path + " here and in your Spotify app");
      }
      if (!loopback(host)) {
        return Check.failed(
            REDIRECT,
            "Spotify accepts plain http only for 127.0.0.1 or [::1] (loopback IP literals);"
                + " every other redirect URI must be https, so it refuses "
                + redirect,
            "set spotify.redirect-uri to https://"
                + (ipLiteral(host) ? "<your domain>" : host)
                + path
                + " served by a reverse proxy (e.g. the compose file's caddy profile) that"
                + " forwards it and "
                + CallbackServer.LOGIN_PATH
                + "/ to web.port="
                + web.port()
                + ", and register that URI in your Spotify app; or use http://127.0.0.1:"
                + web.port()
                + path
                + " and members finish linking by pasting the address back into Discord");
      }
      int port = redirect.getPort() == -1 ? 80 : redirect.getPort();
      if (web.port() != 0 && port != web.port()) {
        return Check.failed(
            REDIRECT,
            "it points at port " + port + " but the web server listens on web.port=" + web.port(),
            "make the port of spotify.redirect-uri and web.port the same (and update the Redirect"
                + " URI in your Spotify app)");
      }
      return Check.passed(
          REDIRECT,
          redirect
              + " is on this machine: only a browser here reaches the callback "
              + path
              + " on port "
              + port
              + "; members finish linking by pasting the address their browser shows back into"
              + " Discord");
    }
    if (loopback(host)) {
      // https changes nothing about where 127.0.0.1 is: each member's own machine.
      return Check.passed(
          REDIRECT,
          redirect
              + " is on this machine: only a browser here reaches the callback "
              + path
              + ", through an https proxy forwarding it to web.port="
              + web.port()
              + "; members finish linking by pasting the address their browser shows back into"
              + " Discord");
    }
    // Members' login links open the login pages on the same host, so the proxy needs both.
    return Check.passed(
        REDIRECT,
        redirect
            + " is served at "
            + path
            + (CallbackServer.loginPages(redirect).isPresent()
                ? "; your reverse proxy must forward it and the login pages under "
                    + CallbackServer.LOGIN_PATH
                    + "/ to web.port="
                : "; your reverse proxy must forward it to web.port=")
            + web.port());
  }

  /** A loopback IP literal; names are not resolved, as the member's browser resolves them. */
  static boolean loopback(String host) {
    if (!ipLiteral(host)) {
      return false; // a name: resolving it here proves nothing about the member's browser
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An IPv4 or (bracketed) IPv6 literal rather than a name; certificates want a name. */
  private static boolean ipLiteral(String host) {
    return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
  }

  /** The port can be bound now; fails, as it should, while the bot itself is running. */
  public static Check port(BotConfig.Web web) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(web.host(), web.port()));
      return Check.passed(PORT, "can listen on " + web.host() + ":" + web.port());
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      return Check.failed(
          PORT,
          "cannot listen on " + web.host() + ":" + web.port() + ": " + e.getMessage(),
          "stop the program using the port (a running likes-bot, too), or pick a free web.port"
              + " and update spotify.redirect-uri to match; web.host must be an address of this"
              + " machine (0.0.0.0 for all)");
    }
  }
}
