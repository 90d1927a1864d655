package dev.likesbot.link;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.StoredLink;
import dev.likesbot.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' links in memory, in front of the store. An entry leaves the cache 60 s before its access
 * token expires, so the next read loads it again and refreshes it. Caffeine runs one load per key
 * at a time, which makes it exactly one refresh per member however many commands arrive together.
 */
public final class TokenCache {
  private static final Logger log = LoggerFactory.getLogger(TokenCache.class);
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  private final TokenStore store;
  private final SpotifyAuth auth;
  private final InstantSource clock;
  private final Cache<String, StoredLink> cache;
  private final List<Consumer<String>> forgetListeners = new CopyOnWriteArrayList<>();
  private final Metrics metrics;

  public TokenCache(TokenStore store, SpotifyAuth auth, InstantSource clock, Ticker ticker) {
    this(store, auth, clock, ticker, Metrics.NONE);
  }

  public TokenCache(
      TokenStore store, SpotifyAuth auth, InstantSource clock, Ticker ticker, Metrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.auth = auth;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(100_000)
            .expireAfter(Expiry.writing((String id, StoredLink link) -> untilRefresh(link)))
            .build();
  }

  private Duration untilRefresh(StoredLink link) {
    Duration left = Duration.between(clock.instant(), link.accessExpiresAt().minus(REFRESH_MARGIN));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * An access token good for at least another minute.
   *
   * @throws NotLinkedException when the member has no link
   * @throws SpotifyException when a refresh failed; with reason REVOKED the link is gone
   */
  public String accessToken(String discordUserId) {
    StoredLink link = cache.get(discordUserId, this::load);
    if (link == null) {
      throw new NotLinkedException();
    }
    return link.accessToken();
  }

  /**
   * Spotify refused {@code rejected} before its time: refresh once, unless a concurrent caller
   * already did, and return the new token.
   */
  public String refreshRejected(String discordUserId, String rejected) {
    StoredLink link =
        cache
            .asMap()
            .compute(
                discordUserId,
                (id, cached) -> {
                  if (cached != null && !cached.accessToken().equals(rejected)) {
                    return cached;
                  }
                  return store.find(id).map(this::refresh).orElse(null);
                });
    if (link == null) {
      throw new NotLinkedException();
    }
    return link.accessToken();
  }

  /** Whether the member is linked; reads the store when the member is not cached. */
  public boolean isLinked(String discordUserId) {
    return cache.getIfPresent(discordUserId) != null || store.find(discordUserId).isPresent();
  }

  /** The member's link as stored, without refreshing anything. */
  public Optional<StoredLink> current(String discordUserId) {
    StoredLink cached = cache.getIfPresent(discordUserId);
    return cached != null ? Optional.of(cached) : store.find(discordUserId);
  }

  /**
   * Runs {@code listener} with the member's id whenever their link is deleted (unlinked or the
   * grant ended), so caches elsewhere drop what they hold about the member too.
   */
  public void whenForgotten(Consumer<String> listener) {
    forgetListeners.add(listener);
  }

  private void forgotten(String discordUserId) {
    forgetListeners.forEach(l -> l.accept(discordUserId));
  }

  /** Stores a new link, replacing any older one. */
  public void put(StoredLink link) {
    cache
        .asMap()
        .compute(
            link.discordUserId(),
            (id, old) -> {
              store.save(link);
              return link;
            });
  }

  /**
   * Forgets the member in the store and the cache. Runs under the cache's lock for that member, so
   * a refresh in flight cannot write the link back afterwards.
   */
  public boolean forget(String discordUserId) {
    boolean[] deleted = new boolean[1];
    cache
        .asMap()
        .compute(
            discordUserId,
            (id, old) -> {
              deleted[0] = store.delete(id);
              return null;
            });
    forgotten(discordUserId);
    return deleted[0];
  }

  private StoredLink load(String discordUserId) {
    return store
        .find(discordUserId)
        .map(link -> untilRefresh(link).isZero() ? refresh(link) : link)
        .orElse(null);
  }

  /** Refreshes and persists before anyone uses the new token; runs under the member's lock. */
  private StoredLink refresh(StoredLink link) {
    SpotifyTokens tokens;
    try {
      tokens = auth.refresh(link.refreshToken());
    } catch (SpotifyException e) {
      if (e.reason() == SpotifyException.Reason.REVOKED) {
        metrics.tokenRefresh("revoked");
        log.info("Spotify ended the grant of user {}; their link is removed", link.discordUserId());
        store.delete(link.discordUserId());
        forgotten(link.discordUserId());
      } else {
        metrics.tokenRefresh("failed");
      }
      throw e;
    }
    metrics.tokenRefresh("ok");
    Instant expiresAt = clock.instant().plus(tokens.expiresIn());
    StoredLink fresh =
        link.withTokens(
            tokens.accessToken(), tokens.refreshToken().orElse(link.refreshToken()), expiresAt);
    store.save(fresh);
    log.debug("Refreshed the access token of user {}", link.discordUserId());
    return fresh;
  }
}
