package dev.likesbot.testing;

import dev.likesbot.store.LocaleStore;
import dev.likesbot.store.PendingLink;
import dev.likesbot.store.PendingLinkStore;
import dev.likesbot.store.ReminderStore;
import dev.likesbot.store.ShufflePosition;
import dev.likesbot.store.ShuffleStore;
import dev.likesbot.store.StoreException;
import dev.likesbot.store.StoredLink;
import dev.likesbot.store.TokenStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe in-memory store for service tests (links, pending logins, reminders and walks, as
 * one database); counts saves. Runs the same {@code StoreContract} as the real stores.
 */
public final class InMemoryStore
    implements TokenStore, PendingLinkStore, ReminderStore, ShuffleStore, LocaleStore {
  private record Walk(long seed, int total, int next) {}

  public final Map<String, StoredLink> links = new ConcurrentHashMap<>();
  public final Map<String, PendingLink> pending = new ConcurrentHashMap<>();

  /** The linked_at of the link each member was reminded about. */
  public final Map<String, Instant> reminded = new ConcurrentHashMap<>();

  public final AtomicInteger saves = new AtomicInteger();

  /** Each member's remembered locale (a language tag). */
  public final Map<String, String> locales = new ConcurrentHashMap<>();

  /** How often a locale was written. */
  public final AtomicInteger localeWrites = new AtomicInteger();

  /** Each member's no-repeat walk; it goes with the link, as by the real stores' cascade. */
  private final Map<String, Walk> walks = new ConcurrentHashMap<>();

  private final InstantSource clock;

  /** When set, every read throws it, as an unreachable database. */
  public volatile StoreException down;

  /** New links get versions no earlier link had, as the real stores' random ones. */
  private final AtomicLong versions = new AtomicLong(1_000_000);

  /** A store whose pending logins never expire. */
  public InMemoryStore() {
    this(() -> Instant.MIN);
  }

  /** A store that sweeps pending logins expired by {@code clock}, as the real ones do. */
  public InMemoryStore(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public Optional<StoredLink> find(String discordUserId) {
    failIfDown();
    return Optional.ofNullable(links.get(discordUserId));
  }

  @Override
  public OptionalLong version(String discordUserId) {
    failIfDown();
    StoredLink link = links.get(discordUserId);
    return link == null ? OptionalLong.empty() : OptionalLong.of(link.version());
  }

  @Override
  public synchronized StoredLink save(StoredLink link) {
    saves.incrementAndGet();
    StoredLink stored = link.withVersion(versions.addAndGet(1_000));
    StoredLink old = links.put(link.discordUserId(), stored);
    if (old != null && !old.spotifyUserId().equals(link.spotifyUserId())) {
      reminded.remove(link.discordUserId());
      walks.remove(link.discordUserId());
    }
    return stored;
  }

  @Override
  public synchronized Optional<StoredLink> update(StoredLink refreshed) {
    StoredLink now = links.get(refreshed.discordUserId());
    if (now == null || now.version() != refreshed.version()) {
      return Optional.empty();
    }
    saves.incrementAndGet();
    StoredLink stored = refreshed.withVersion(refreshed.version() + 1);
    links.put(refreshed.discordUserId(), stored);
    return Optional.of(stored);
  }

  @Override
  public synchronized boolean delete(String discordUserId) {
    pending.values().removeIf(p -> p.discordUserId().equals(discordUserId));
    reminded.remove(discordUserId);
    locales.remove(discordUserId);
    walks.remove(discordUserId);
    return links.remove(discordUserId) != null;
  }

  @Override
  public synchronized boolean deleteIfUnchanged(StoredLink read) {
    StoredLink now = links.get(read.discordUserId());
    if (now == null || now.version() != read.version()) {
      return false;
    }
    reminded.remove(read.discordUserId());
    walks.remove(read.discordUserId());
    return links.remove(read.discordUserId()) != null;
  }

  private void failIfDown() {
    if (down != null) {
      throw down;
    }
  }

  @Override
  public void ping() {
    failIfDown();
  }

  @Override
  public synchronized void put(PendingLink p) {
    Instant now = clock.instant();
    pending
        .values()
        .removeIf(
            old -> old.expiresAt().isBefore(now) || old.discordUserId().equals(p.discordUserId()));
    pending.put(p.state(), p);
  }

  @Override
  public Optional<PendingLink> peek(String state) {
    failIfDown();
    return Optional.ofNullable(pending.get(state));
  }

  @Override
  public boolean bindBrowser(String state, String browserNonce) {
    return pending.computeIfPresent(state, (s, p) -> p.withBrowser(browserNonce)) != null;
  }

  @Override
  public Optional<PendingLink> take(String state) {
    failIfDown();
    return Optional.ofNullable(pending.remove(state));
  }

  @Override
  public synchronized int sweepExpired() {
    Instant now = clock.instant();
    int before = pending.size();
    pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
    return before - pending.size();
  }

  @Override
  public List<LinkAge> unremindedLinkedBefore(Instant cutoff) {
    return links.values().stream()
        .filter(l -> !l.linkedAt().isAfter(cutoff))
        .filter(l -> !l.linkedAt().equals(reminded.get(l.discordUserId())))
        .map(l -> new LinkAge(l.discordUserId(), l.linkedAt()))
        .sorted(Comparator.comparing(LinkAge::linkedAt))
        .toList();
  }

  @Override
  public synchronized void releaseReminder(String discordUserId, Instant linkedAt) {
    reminded.remove(discordUserId, linkedAt);
  }

  @Override
  public synchronized boolean claimReminder(String discordUserId, Instant linkedAt) {
    StoredLink link = links.get(discordUserId);
    if (link == null
        || !link.linkedAt().equals(linkedAt)
        || linkedAt.equals(reminded.get(discordUserId))) {
      return false;
    }
    reminded.put(discordUserId, linkedAt);
    return true;
  }

  @Override
  public Optional<String> locale(String discordUserId) {
    failIfDown();
    return Optional.ofNullable(locales.get(discordUserId));
  }

  @Override
  public void rememberLocale(String discordUserId, String languageTag) {
    failIfDown();
    localeWrites.incrementAndGet();
    locales.put(discordUserId, languageTag);
  }

  /** Advances the member's walk as the JDBC store does; a member without a link has none. */
  @Override
  public synchronized ShufflePosition next(String discordUserId, int total, long freshSeed) {
    failIfDown();
    if (!links.containsKey(discordUserId)) {
      throw new StoreException("no link for a walk", null);
    }
    Walk walk = walks.get(discordUserId);
    if (walk == null || walk.total() != total || walk.next() >= total) {
      walk = new Walk(freshSeed, total, 0);
    }
    walks.put(discordUserId, new Walk(walk.seed(), total, walk.next() + 1));
    return new ShufflePosition(walk.seed(), walk.next());
  }
}
