package dev.likesbot.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every key the bot reads, in the order of {@code bot.properties.example}, with its default ({@code
 * null} when it is required). A key missing here is reported as unknown.
 */
final class KeyDefaults {
  static final Map<String, String> DEFAULTS = defaults();

  private KeyDefaults() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("discord.token", null);
    d.put("discord.api-base-url", "https://discord.com/api/v10/");
    d.put("discord.gateway-url", "wss://gateway.discord.gg/");
    d.put("discord.guild-id", "");
    // operations (issue 6)
    d.put("discord.application-id", "");
    d.put("discord.shard-total", "1");
    d.put("discord.shard-ids", "");
    // issue 11: whom to name and DM; empty means the application's owner as Discord reports it
    d.put("bot.owner-id", "");
    d.put("spotify.client-id", null);
    d.put("spotify.client-secret", null);
    d.put("spotify.redirect-uri", null);
    d.put("spotify.accounts-base-url", "https://accounts.spotify.com");
    d.put("spotify.api-base-url", "https://api.spotify.com");
    d.put("spotify.request-timeout-seconds", "10");
    d.put("web.host", "0.0.0.0");
    d.put("web.port", "8080");
    d.put("web.metrics-enabled", "true");
    d.put("web.metrics-token", "");
    d.put("store.url", "jdbc:sqlite:likes-bot.db");
    d.put("store.user", "");
    d.put("store.password", "");
    d.put("store.encryption-key", "");
    d.put("store.key-file", "");
    d.put("likes.total-cache-seconds", "60");
    // Defaults a person never meets: pressing Another as fast as cards appear is about one use a
    // second at most, so 10 at once plus one a second leaves a human unhindered, while a script is
    // slowed to 60 Spotify calls a minute; a wait past 10 s is refused rather than left
    // "thinking…".
    d.put("likes.limit-burst", "10");
    d.put("likes.limit-per-minute", "60");
    d.put("likes.limit-max-wait-seconds", "10");
    // Deprecated alias of the limit, for configuration files written before it.
    d.put("likes.cooldown-seconds", "");
    d.put("bot.worker-threads", "24");
    d.put("bot.worker-queue", "500");
    d.put("log.format", "text");
    d.put("log.level", "INFO");
    d.put("log.levels", "");
    // issue 13: whole-library reads. 250 pages at once read 12,500 songs in about a second; after
    // that 10 pages a second, a fraction of what Spotify lets one app send in its rolling window.
    d.put("library.read-requests-per-second", "10");
    d.put("library.read-burst", "250");
    d.put("library.max-concurrent-pages", "16");
    d.put("library.reads-per-hour", "10");
    d.put("library.snapshot-budget-mib", "16");
    return Collections.unmodifiableMap(d);
  }
}
