package dev.likesbot.testing;

import dev.likesbot.store.PendingLink;
import dev.likesbot.store.PendingLinkStore;
import dev.likesbot.store.ReminderStore;
import dev.likesbot.store.StoredLink;
import dev.likesbot.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe in-memory store for service tests; counts saves. */
public final class InMemoryStore implements TokenStore, PendingLinkStore, ReminderStore {
  public final Map<String, StoredLink> links = new ConcurrentHashMap<>();
  public final Map<String, PendingLink> pending = new ConcurrentHashMap<>();

  /** The linked_at of the link each member was reminded about. */
  public final Map<String, Instant> reminded = new ConcurrentHashMap<>();

  public final AtomicInteger saves = new AtomicInteger();

  @Override
  public Optional<StoredLink> find(String discordUserId) {
    return Optional.ofNullable(links.get(discordUserId));
  }

  @Override
  public void save(StoredLink link) {
    saves.incrementAndGet();
    links.put(link.discordUserId(), link);
  }

  @Override
  public boolean delete(String discordUserId) {
    pending.values().removeIf(p -> p.discordUserId().equals(discordUserId));
    reminded.remove(discordUserId);
    return links.remove(discordUserId) != null;
  }

  @Override
  public void ping() {}

  @Override
  public void put(PendingLink p) {
    pending.values().removeIf(old -> old.discordUserId().equals(p.discordUserId()));
    pending.put(p.state(), p);
  }

  @Override
  public Optional<PendingLink> peek(String state) {
    return Optional.ofNullable(pending.get(state));
  }

  @Override
  public boolean bindBrowser(String state, String browserNonce) {
    return pending.computeIfPresent(state, (s, p) -> p.withBrowser(browserNonce)) != null;
  }

  @Override
  public Optional<PendingLink> take(String state) {
    return Optional.ofNullable(pending.remove(state));
  }

  @Override
  public int sweepExpired() {
    return 0;
  }

  @Override
  public List<LinkAge> unremindedLinkedBefore(Instant cutoff) {
    return links.values().stream()
        .filter(l -> !l.linkedAt().isAfter(cutoff))
        .filter(l -> !l.linkedAt().equals(reminded.get(l.discordUserId())))
        .map(l -> new LinkAge(l.discordUserId(), l.linkedAt()))
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
}
