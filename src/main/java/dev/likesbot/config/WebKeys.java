package dev.likesbot.config;

import java.net.URI;

/** The {@code web.*} keys: where the callback server listens and who may read /metrics. */
final class WebKeys {
  private WebKeys() {}

  /** {@code redirect} is the checked {@code spotify.redirect-uri}; its path is the callback's. */
  static BotConfig.Web read(KeyReader in, URI redirect) {
    String host = in.raw("web.host");
    if (host.isEmpty()) {
      in.problem("web.host", "is empty: use 0.0.0.0 to listen on every interface, or 127.0.0.1");
    }
    int port = in.integer("web.port", 0, 65535);
    boolean metricsEnabled = in.bool("web.metrics-enabled");
    String metricsToken = in.raw("web.metrics-token");
    if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
      in.problem(
          "web.metrics-token",
          "is too short: use at least 16 random characters (e.g. openssl rand -hex 24), or leave"
              + " it empty to serve /metrics without a token");
    }
    return new BotConfig.Web(
        host,
        port,
        redirect == null ? null : redirect.getPath(),
        metricsEnabled,
        KeyReader.optionalSecret(metricsToken));
  }
}
