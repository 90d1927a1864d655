package dev.likesbot.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.SpotifyAuth;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyTokens;
import dev.likesbot.store.StoreException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of members' Spotify tokens: a feature asks it for {@link #call a call with a valid
 * token} and never sees a refresh. Links are cached in front of the store; an entry leaves the
 * cache 60 s before its access token expires, so the next read loads it again and refreshes it.
 * Caffeine runs one load per key at a time, which makes it one refresh per member in this process
 * however many commands arrive together. A token Spotify refuses before its time is refreshed once;
 * when Spotify refuses the fresh one too, or ends the grant, the link is forgotten.
 *
 * <p>Several instances may share the store. Every use of a cached entry first reads the version of
 * the member's row (one primary-key lookup, nothing decrypted): when another instance refreshed,
 * relinked or unlinked, the entry is dropped and the row read again, so an unlink or a revocation
 * anywhere holds everywhere from the next command on. What others remember about a member goes
 * whenever the link used here belongs to another login than the one used here before, however long
 * ago, or the member has none any more. Refreshed tokens are written only over the version they
 * were read from ({@link TokenStore#update}), so a refresh can neither bring back a deleted link
 * nor overwrite a newer one; whatever is stored then wins.
 */
public final class MemberTokens {
  private static final Logger log = LoggerFactory.getLogger(MemberTokens.class);
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  /**
   * How long a refused refresh waits for another instance's write before calling the grant ended:
   * with rotation, two instances refreshing at once both send the same refresh token, and the loser
   * hears {@code invalid_grant} a moment before the winner has saved the new one.
   */
  static final Duration RACE_GRACE = Duration.ofSeconds(2);

  private static final int RACE_CHECKS = 10;

  private final TokenStore store;
  private final SpotifyAuth auth;
  private final InstantSource clock;
  private final Cache<String, StoredLink> cache;

  /**
   * The login each member's link here was last used from. It outlives the cache's entries, as what
   * others remember (a library's size, its songs) can: a relink or unlink elsewhere while the
   * member's entry was out of the cache must still reach them.
   */
  private final Cache<String, Login> logins;

  /** One login: the Spotify account and when it was linked, in the store's milliseconds. */
  private record Login(String spotifyUserId, long linkedAtMillis) {
    static Login of(StoredLink link) {
      return new Login(link.spotifyUserId(), link.linkedAt().toEpochMilli());
    }
  }

  private final List<Consumer<String>> forgetListeners = new CopyOnWriteArrayList<>();
  private final Metrics metrics;
  private final Duration raceGrace;

  public MemberTokens(
      TokenStore store, SpotifyAuth auth, InstantSource clock, Ticker ticker, Metrics metrics) {
    this(store, auth, clock, ticker, metrics, RACE_GRACE);
  }

  MemberTokens(
      TokenStore store,
      SpotifyAuth auth,
      InstantSource clock,
      Ticker ticker,
      Metrics metrics,
      Duration raceGrace) {
    this.metrics = metrics;
    this.store = store;
    this.auth = auth;
    this.clock = clock;
    this.raceGrace = raceGrace;
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(100_000)
            .expireAfter(Expiry.writing((String id, StoredLink link) -> untilRefresh(link)))
            .build();
    this.logins = Caffeine.newBuilder().maximumSize(100_000).build();
  }

  private Duration untilRefresh(StoredLink link) {
    Duration left = Duration.between(clock.instant(), link.accessExpiresAt().minus(REFRESH_MARGIN));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Runs {@code request} with an access token of the member's link as stored right now, good for at
   * least another minute. When Spotify refuses it before its time ({@link
   * SpotifyException.Reason#UNAUTHORIZED}), the token is refreshed once (or the refresh of a
   * concurrent caller is used) and {@code request} runs again; a refusal of the fresh token too
   * means the grant ended, and that link is forgotten (a link another instance stored meanwhile is
   * kept and used for one last try). Anything read in {@code request} that others drop {@link
   * #whenForgotten when the link is forgotten} is current: the link was checked first.
   *
   * @param request one Spotify request with the given token; it runs again after a refusal, so what
   *     it changes must be changed only once its request succeeded
   * @throws NotLinkedException when the member has no link
   * @throws SpotifyException when Spotify failed; with reason REVOKED the link is gone
   */
  public <T> T call(String discordUserId, Function<String, T> request) {
    String token = accessToken(discordUserId);
    try {
      return request.apply(token);
    } catch (SpotifyException e) {
      if (e.reason() != SpotifyException.Reason.UNAUTHORIZED) {
        throw e;
      }
    }
    String fresh = refreshRejected(discordUserId, token);
    try {
      return request.apply(fresh);
    } catch (SpotifyException again) {
      if (again.reason() != SpotifyException.Reason.UNAUTHORIZED) {
        throw again;
      }
    }
    if (endGrant(discordUserId, fresh)) {
      throw new SpotifyException(
          SpotifyException.Reason.REVOKED, "Spotify refused a fresh access token");
    }
    // Another instance relinked or refreshed meanwhile: its link is the one to use.
    return request.apply(accessToken(discordUserId));
  }

  /**
   * Spotify refused the fresh {@code refusedToken} too, so that login's grant ended: its link is
   * deleted, but only while it is still the stored one, never a link another instance stored
   * meanwhile.
   *
   * @return whether that link was deleted; false when the stored link is another (or none)
   */
  private boolean endGrant(String discordUserId, String refusedToken) {
    boolean ended =
        deleteLocked(
            discordUserId,
            () -> {
              Optional<StoredLink> now = store.find(discordUserId);
              return now.isPresent()
                  && now.get().accessToken().equals(refusedToken)
                  && store.deleteIfUnchanged(now.get());
            });
    if (ended) {
      logins.invalidate(discordUserId);
      metrics.tokenRefresh("revoked");
      forgotten(discordUserId);
    }
    return ended;
  }

  /**
   * An access token good for at least another minute, of the link stored right now.
   *
   * @throws NotLinkedException when the member has no link
   * @throws SpotifyException when a refresh failed; with reason REVOKED the link is gone
   */
  String accessToken(String discordUserId) {
    StoredLink cached = cache.getIfPresent(discordUserId);
    if (cached != null) {
      OptionalLong stored = versionOr(discordUserId, cached);
      if (stored.equals(OptionalLong.of(cached.version()))) {
        return using(discordUserId, cached).accessToken();
      }
      // Refreshed, relinked or unlinked elsewhere: read again; using() tells which.
      cache.asMap().remove(discordUserId, cached);
    }
    StoredLink link;
    try {
      link = cache.get(discordUserId, this::load);
    } catch (Refused refused) {
      link = settle(refused);
    }
    return using(discordUserId, link).accessToken();
  }

  /**
   * {@code link} (null: none) is what this instance uses for the member now. When it comes from
   * another login than the link used here before, or there is none any more, the member was
   * relinked or unlinked (here or on another instance) and what others remember about them goes.
   *
   * @throws NotLinkedException when {@code link} is null
   */
  private StoredLink using(String discordUserId, StoredLink link) {
    Login login = link == null ? null : Login.of(link);
    Login before =
        login == null
            ? logins.asMap().remove(discordUserId)
            : logins.asMap().put(discordUserId, login);
    if (before != null && !before.equals(login)) {
      forgotten(discordUserId);
    }
    if (link == null) {
      throw new NotLinkedException();
    }
    return link;
  }

  /**
   * Spotify refused {@code rejected} before its time: refresh once, unless a concurrent caller
   * (here or on another instance) already did, and return the new token.
   *
   * @throws NotLinkedException when the member has no link any more
   * @throws SpotifyException when the refresh failed; with reason REVOKED the link is gone, from
   *     the store and from this cache
   */
  String refreshRejected(String discordUserId, String rejected) {
    StoredLink link;
    try {
      link =
          cache
              .asMap()
              .compute(
                  discordUserId,
                  (id, cached) -> {
                    if (cached != null && !cached.accessToken().equals(rejected)) {
                      return cached;
                    }
                    Optional<StoredLink> stored = store.find(id);
                    if (stored.isEmpty() || !stored.get().accessToken().equals(rejected)) {
                      return stored.orElse(null);
                    }
                    // A passing failure throws and keeps the link, cached or not.
                    return refresh(stored.get());
                  });
    } catch (Refused refused) {
      link = settle(refused);
    }
    return using(discordUserId, link).accessToken();
  }

  /**
   * Whether the member is linked right now, on any instance: one read of the store. When not, what
   * others remember about them goes (an unlink elsewhere).
   */
  public boolean isLinked(String discordUserId) {
    StoredLink cached = cache.getIfPresent(discordUserId);
    boolean linked =
        cached != null
            ? versionOr(discordUserId, cached).isPresent()
            : store.version(discordUserId).isPresent();
    if (!linked && logins.asMap().remove(discordUserId) != null) {
      forgotten(discordUserId);
    }
    return linked;
  }

  /**
   * The stored version, or the cached one while the store does not answer: no instance can unlink
   * or relink without the store either, so the entry is as current as anything can be then.
   */
  private OptionalLong versionOr(String discordUserId, StoredLink cached) {
    try {
      return store.version(discordUserId);
    } catch (StoreException e) {
      log.debug("Store unreachable; trusting the cached link of user {}", discordUserId);
      return OptionalLong.of(cached.version());
    }
  }

  /** The member's link as stored, without refreshing anything. */
  public Optional<StoredLink> current(String discordUserId) {
    return store.find(discordUserId);
  }

  /**
   * Runs {@code listener} with the member's id whenever their link is deleted (unlinked or the
   * grant ended) or replaced by a new login, here or on another instance, so caches elsewhere drop
   * what they hold about the member too.
   */
  public void whenForgotten(Consumer<String> listener) {
    forgetListeners.add(listener);
  }

  private void forgotten(String discordUserId) {
    forgetListeners.forEach(l -> l.accept(discordUserId));
  }

  /** Stores a new link, replacing any older one; what was remembered about the old one goes. */
  public void put(StoredLink link) {
    cache.asMap().compute(link.discordUserId(), (id, old) -> store.save(link));
    logins.put(link.discordUserId(), Login.of(link));
    forgotten(link.discordUserId());
  }

  /**
   * Forgets the member in the store and the cache. Runs under the cache's lock for that member, so
   * a refresh in flight here cannot write the link back afterwards (and one on another instance
   * cannot either: its write is conditional on the row it read).
   */
  public boolean forget(String discordUserId) {
    boolean deleted = deleteLocked(discordUserId, () -> store.delete(discordUserId));
    logins.invalidate(discordUserId);
    forgotten(discordUserId);
    return deleted;
  }

  /** Runs {@code delete} under the cache's lock for the member and drops their entry. */
  private boolean deleteLocked(String discordUserId, BooleanSupplier delete) {
    boolean[] deleted = new boolean[1];
    cache
        .asMap()
        .compute(
            discordUserId,
            (id, old) -> {
              deleted[0] = delete.getAsBoolean();
              return null;
            });
    return deleted[0];
  }

  private StoredLink load(String discordUserId) {
    return store
        .find(discordUserId)
        .map(link -> untilRefresh(link).isZero() ? refresh(link) : link)
        .orElse(null);
  }

  /**
   * Refreshes and persists before anyone uses the new token; runs under the member's lock.
   *
   * @return the link as stored afterwards; null when it was deleted meanwhile
   * @throws Refused when Spotify refused the refresh token, to be settled outside the lock
   */
  private StoredLink refresh(StoredLink link) {
    String id = link.discordUserId();
    SpotifyTokens tokens;
    try {
      tokens = auth.refresh(link.refreshToken());
    } catch (SpotifyException e) {
      if (e.reason() != SpotifyException.Reason.REVOKED) {
        metrics.tokenRefresh("failed");
        throw e;
      }
      throw new Refused(link, e);
    }
    metrics.tokenRefresh("ok");
    Instant expiresAt = clock.instant().plus(tokens.expiresIn());
    StoredLink fresh =
        link.withTokens(
            tokens.accessToken(), tokens.refreshToken().orElse(link.refreshToken()), expiresAt);
    Optional<StoredLink> written = store.update(fresh);
    if (written.isPresent()) {
      log.debug("Refreshed the access token of user {}", id);
      return written.get();
    }
    // Unlinked, relinked or refreshed elsewhere while Spotify answered: the stored row wins.
    log.debug("The link of user {} changed during a refresh; using the stored one", id);
    return store.find(id).orElse(null);
  }

  /**
   * Spotify refused the refresh token of {@code read}. Deciding why may wait for another instance's
   * write, so it happens outside the cache's lock: a computation holds a bin of the cache's map,
   * which other members' ids share, and would stall their commands for as long.
   */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StoredLink read;
    private final SpotifyException refusal;

    Refused(StoredLink read, SpotifyException refusal) {
      super(null, refusal, false, false);
      this.read = read;
      this.refusal = refusal;
    }
  }

  /**
   * The link to use after a refusal: another instance's newer write, or none (the grant ended, the
   * link that was read is deleted and the refusal thrown).
   */
  private StoredLink settle(Refused refused) {
    String id = refused.read.discordUserId();
    Optional<StoredLink> newer = newerThanRefused(refused.read);
    if (newer.isPresent()) {
      metrics.tokenRefresh("superseded");
      log.debug("Another instance refreshed the tokens of user {} first", id);
      return newer.get();
    }
    cache.invalidate(id);
    logins.invalidate(id);
    metrics.tokenRefresh("revoked");
    log.info("Spotify ended the grant of user {}; their link is removed", id);
    forgotten(id);
    throw refused.refusal;
  }

  /**
   * Spotify refused the refresh token {@code read} holds. If another instance refreshed first (the
   * version moved, now or within {@link #RACE_GRACE}), its tokens are returned; otherwise the grant
   * ended and that very link is deleted, never a newer one.
   */
  private Optional<StoredLink> newerThanRefused(StoredLink read) {
    int checks = raceGrace.isZero() ? 0 : RACE_CHECKS;
    for (int check = 0; check <= checks; check++) {
      Optional<StoredLink> now = store.find(read.discordUserId());
      if (now.isEmpty() || now.get().version() != read.version()) {
        return now;
      }
      if (check < checks) {
        try {
          Thread.sleep(raceGrace.toMillis() / RACE_CHECKS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          // Stopping: decide nothing, the next refresh asks Spotify again.
          throw new SpotifyException(
              SpotifyException.Reason.UNAVAILABLE, "interrupted while checking a refusal");
        }
      }
    }
    return store.deleteIfUnchanged(read) ? Optional.empty() : store.find(read.discordUserId());
  }
}
