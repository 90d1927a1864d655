package dev.likesbot.library;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.TrackPage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a member's whole Liked Songs, fast and politely. Pages of {@value #PAGE} are read on the
 * reader's own threads (never the command workers'), a few at a time ({@link PageConcurrency}),
 * each taking a slot of the app-wide {@link ReadBudget}. When Spotify answers 429 (the app-wide
 * gate then holds every request) the read waits it out and resumes where it was, unless the wait
 * would pass {@link #WINDOW}, Discord's time to answer; a used-up quota stops it, and so does the
 * budget's pace when, shared with the reads in flight, it would end the read past the window.
 *
 * <p>One read per member at a time: a second command joins the read in flight. What was read is
 * kept as a compact {@link LibrarySnapshot} in a cache bounded in bytes, so a repeat with the
 * library unchanged costs one request (page one's total and newest like match), and one after songs
 * were only added reads just the new pages. {@link #forget} drops it (unlink, relink) and ends the
 * member's read in flight.
 *
 * <p>The songs reach commands only through their {@link ReadListener}s, page by page. A read holds
 * what it delivered only while that fits the snapshot budget; past it the read lets go of them and
 * only streams on (a 100,000-song library must not sit on a 64 MiB heap), and is not kept. A
 * command joining such a read late cannot hear it from the start, and a second read of the same
 * library at once would cost Spotify's budget twice: it is refused at once with {@link
 * ReadStopped.Reason#BUSY} ("try again in a moment"), rather than left waiting minutes for an
 * answer that is still a refusal.
 */
public final class LibraryReader {
  private static final Logger log = LoggerFactory.getLogger(LibraryReader.class);
  public static final int PAGE = 50;

  /** Discord's interaction token lasts 15 minutes; the answer needs a moment of it. */
  public static final Duration WINDOW = Duration.ofMinutes(14);

  /** How long an unused snapshot is kept. */
  public static final Duration KEPT_FOR = Duration.ofHours(24);

  private static final Duration HOUR = Duration.ofHours(1);

  /** One page of a member's Liked Songs, with a valid token, as the Spotify port answers it. */
  @FunctionalInterface
  public interface PageSource {
    TrackPage page(String member, int offset, int limit);
  }

  /** Waits; a test passes one that moves its clock. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The configuration a reader needs. */
  public record Settings(
      int requestsPerSecond,
      int burst,
      int maxConcurrentPages,
      int readsPerHour,
      long snapshotBudgetBytes) {}

  private final PageSource pages;
  private final ReadBudget budget;
  private final Settings settings;
  private final Executor coordinators;
  private final Executor pageThreads;
  private final InstantSource clock;
  private final Pause pause;
  private final Cache<String, LibrarySnapshot> snapshots;
  private final Cache<String, Deque<Instant>> starts;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  /** The read whose page the current thread is requesting, to tell its own forget from others'. */
  private final ThreadLocal<Read> requesting = new ThreadLocal<>();

  private volatile boolean stopping;

  /**
   * @param coordinators where each read runs and waits (one thread per read in flight)
   * @param pageThreads where page requests run and wait on Spotify
   */
  public LibraryReader(
      PageSource pages,
      Settings settings,
      Executor coordinators,
      Executor pageThreads,
      InstantSource clock,
      Ticker ticker,
      Pause pause) {
    this.pages = pages;
    this.settings = settings;
    this.budget = new ReadBudget(settings.requestsPerSecond(), settings.burst(), clock);
    this.coordinators = coordinators;
    this.pageThreads = pageThreads;
    this.clock = clock;
    this.pause = pause;
    this.snapshots =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumWeight(Math.max(1, settings.snapshotBudgetBytes()))
            .weigher((String m, LibrarySnapshot s) -> weight(s))
            .expireAfterAccess(KEPT_FOR)
            .build();
    this.starts = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(HOUR).build();
  }

  private static int weight(LibrarySnapshot snapshot) {
    return (int) Math.min(Integer.MAX_VALUE, snapshot.estimatedBytes());
  }

  /**
   * The member's library, read now or joined to the read in flight; the listener hears the progress
   * and the songs in order. Fails with {@link ReadStopped} (hourly limit, a wait past the window,
   * the quota, a stop) or what the Spotify port threw.
   */
  public CompletableFuture<ReadResult> read(String member, ReadListener listener) {
    if (stopping) {
      return CompletableFuture.failedFuture(new ReadStopped(ReadStopped.Reason.STOPPING, now()));
    }
    Read[] created = new Read[1];
    Optional<ReadStopped> refused = Optional.empty();
    Read read;
    synchronized (this) {
      read = reads.get(member);
      if (read == null) {
        refused = admit(member);
        if (refused.isEmpty()) {
          read = new Read(member, now().plus(WINDOW));
          reads.put(member, read);
          created[0] = read;
        }
      }
    }
    if (refused.isPresent()) {
      return CompletableFuture.failedFuture(refused.get());
    }
    if (!read.join(listener)) {
      return CompletableFuture.failedFuture(new ReadStopped(ReadStopped.Reason.BUSY, now()));
    }
    if (created[0] != null) {
      Read started = created[0];
      try {
        coordinators.execute(() -> run(started));
      } catch (RejectedExecutionException e) {
        finish(started, null, new ReadStopped(ReadStopped.Reason.STOPPING, now()));
      }
    }
    return read.result;
  }

  /** Counts a new read against the member's hourly allowance; the refusal when it is spent. */
  private Optional<ReadStopped> admit(String member) {
    Instant now = now();
    Deque<Instant> recent = starts.get(member, m -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().plus(HOUR).isAfter(now)) {
      recent.removeFirst();
    }
    if (recent.size() >= settings.readsPerHour()) {
      return Optional.of(
          new ReadStopped(ReadStopped.Reason.HOURLY_LIMIT, recent.peekFirst().plus(HOUR)));
    }
    recent.addLast(now);
    return Optional.empty();
  }

  /**
   * Drops what is kept about the member (unlink, relink): a read in flight ends with {@link
   * ReadStopped.Reason#LINK_CHANGED}, as its next pages would be nobody's or another account's.
   * When the read's own page request found the link gone (the token layer forgets the member, then
   * throws what ended the grant or goes on with the new link) the read ends on that page's answer
   * instead, so a revoked grant is told as such. Its first page request finding a new login (a
   * relink elsewhere before this read) changes nothing read yet: the read goes on with it.
   */
  public void forget(String member) {
    Read read = reads.get(member);
    boolean own = read != null && requesting.get() == read;
    if (read != null && !(own && !read.pageArrived)) {
      read.forgotten = true; // before the snapshot goes: see run()
      if (!own) {
        finish(read, null, new ReadStopped(ReadStopped.Reason.LINK_CHANGED, now()));
      }
    }
    snapshots.invalidate(member);
  }

  /** Whether a snapshot of the member's library is kept (for tests and the README's promise). */
  public boolean keeps(String member) {
    return snapshots.getIfPresent(member) != null;
  }

  /**
   * How many songs the member's read in flight holds right now; 0 without one (for tests: a read
   * larger than the budget holds none).
   */
  public int holding(String member) {
    Read read = reads.get(member);
    return read == null ? 0 : read.holding();
  }

  /** Abandons every read in flight: they fail with {@link ReadStopped.Reason#STOPPING}. */
  public void stop() {
    stopping = true;
    for (Read read : List.copyOf(reads.values())) {
      finish(read, null, new ReadStopped(ReadStopped.Reason.STOPPING, now()));
      Thread thread = read.thread;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  private Instant now() {
    return clock.instant();
  }

  private void run(Read read) {
    read.thread = Thread.currentThread();
    try {
      readAll(read);
      if (read.forgotten) {
        throw new ReadStopped(ReadStopped.Reason.LINK_CHANGED, now());
      }
      Optional<LibrarySnapshot> whole = read.whole();
      // Pages read while the library changed overlap or miss songs: not a basis for a next read.
      boolean kept = whole.isPresent() && !read.changed;
      if (kept) {
        snapshots.put(read.member, whole.get());
        // A forget since the check above marked the read before it dropped the snapshot: if it
        // came before this put, its drop may have missed it; then this sees the mark.
        if (read.forgotten) {
          snapshots.invalidate(read.member);
          kept = false;
        }
      } else {
        snapshots.invalidate(read.member); // a stale one would only be read in vain next time
      }
      finish(read, new ReadResult(read.total, read.delivered(), kept), null);
    } catch (InterruptedException e) {
      finish(read, null, new ReadStopped(ReadStopped.Reason.STOPPING, now()));
    } catch (RuntimeException e) {
      finish(read, null, e);
    } finally {
      read.thread = null;
      Thread.interrupted(); // a stop's interrupt must not reach the next read on this thread
    }
  }

  private void finish(Read read, ReadResult done, Throwable failure) {
    reads.remove(read.member, read);
    if (failure == null) {
      read.result.complete(done);
    } else {
      read.result.completeExceptionally(failure);
    }
  }

  private void readAll(Read read) throws InterruptedException {
    Map<Integer, List<LikedSong>> got = new HashMap<>();
    fetch(read, new ArrayDeque<>(List.of(0)), got);
    // Only now: page one's request may have found a new login and dropped the old one's snapshot.
    LibrarySnapshot kept = snapshots.getIfPresent(read.member);
    int total = read.total;
    if (kept != null && !kept.songs().isEmpty() && couldKeep(kept, total)) {
      Optional<List<LikedSong>> updated = updated(read, kept, got, total);
      if (updated.isPresent()) {
        read.deliver(0, updated.get());
        return;
      }
    }
    read.streaming = true;
    read.arrived(got);
    Deque<Integer> rest = new ArrayDeque<>();
    for (int offset = PAGE; offset < total; offset += PAGE) {
      if (!got.containsKey(offset)) {
        rest.add(offset);
      }
    }
    fetch(read, rest, got);
  }

  /**
   * Whether the library, at the kept snapshot's bytes a song, would still fit the budget: only then
   * are the added pages worth gathering before the snapshot decides whether they can be used.
   */
  private boolean couldKeep(LibrarySnapshot kept, int total) {
    double perSong = (double) kept.estimatedBytes() / kept.songs().size();
    return perSong * total <= settings.snapshotBudgetBytes();
  }

  /**
   * The kept snapshot's songs brought up to date from page one and, when songs were only added, the
   * pages holding them and the newest kept like after them; empty when anything else changed.
   */
  private Optional<List<LikedSong>> updated(
      Read read, LibrarySnapshot kept, Map<Integer, List<LikedSong>> got, int total)
      throws InterruptedException {
    LikedSong newestKept = kept.songs().get(0);
    List<LikedSong> first = got.get(0);
    int added = total - kept.total();
    if (added == 0) {
      return !first.isEmpty() && first.get(0).sameLike(newestKept)
          ? Optional.of(kept.songs())
          : Optional.empty();
    }
    if (added < 0) {
      return Optional.empty();
    }
    int holdingPage = added / PAGE * PAGE;
    Deque<Integer> more = new ArrayDeque<>();
    for (int offset = PAGE; offset <= holdingPage; offset += PAGE) {
      more.add(offset);
    }
    fetch(read, more, got);
    List<LikedSong> holding = got.getOrDefault(holdingPage, List.of());
    int at = added - holdingPage;
    if (at >= holding.size() || !holding.get(at).sameLike(newestKept)) {
      return Optional.empty();
    }
    List<LikedSong> songs = new ArrayList<>(total);
    for (int offset = 0; offset <= holdingPage; offset += PAGE) {
      List<LikedSong> items = got.getOrDefault(offset, List.of());
      songs.addAll(items.subList(0, Math.min(items.size(), added - offset)));
    }
    songs.addAll(kept.songs());
    return Optional.of(songs);
  }

  /**
   * What a page request came back with; {@code afterForget} when the member was forgotten before it
   * ended, so its page may be another account's.
   */
  private record Answer(
      int offset, TrackPage page, RuntimeException failure, boolean afterForget) {}

  /**
   * Reads the pages at {@code pending} into {@code got}, in flight as many as the read's
   * concurrency allows, each paced by the budget; a 429 puts its page back and pauses the read.
   * Once the member is forgotten no page is asked for, and a page asked for after it is not used.
   */
  private void fetch(Read read, Deque<Integer> pending, Map<Integer, List<LikedSong>> got)
      throws InterruptedException {
    BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    int inFlight = 0;
    Instant pausedUntil = Instant.MIN;
    while (!pending.isEmpty() || inFlight > 0) {
      if (read.result.isDone()) {
        throw new InterruptedException("abandoned");
      }
      Instant now = now();
      boolean paused = now.isBefore(pausedUntil);
      read.unreserved = pending.size();
      if (!paused && !read.forgotten && !pending.isEmpty() && inFlight < read.concurrency.limit()) {
        Duration wait = budget.reserve();
        int offset = pending.removeFirst();
        read.unreserved = pending.size();
        endsInTime(read, now);
        if (!wait.isZero()) {
          pause.sleep(wait);
          if (read.result.isDone()) {
            throw new InterruptedException("abandoned");
          }
        }
        inFlight++;
        pageThreads.execute(() -> answers.add(request(read, offset)));
        continue;
      }
      if (inFlight == 0) {
        if (read.forgotten) {
          throw new ReadStopped(ReadStopped.Reason.LINK_CHANGED, now);
        }
        pause.sleep(Duration.between(now, pausedUntil));
        read.progress(Optional.empty());
        continue;
      }
      Answer answer = answers.take();
      inFlight--;
      if (answer.page() != null) {
        if (answer.afterForget()) {
          throw new ReadStopped(ReadStopped.Reason.LINK_CHANGED, now());
        }
        read.pageArrived = true;
        read.concurrency.succeeded();
        if (answer.offset() == 0) {
          read.total = answer.page().total();
        } else if (answer.page().total() != read.total) {
          read.changed = true;
        }
        List<LikedSong> songs = answer.page().items().stream().map(LikedSong::of).toList();
        got.put(answer.offset(), songs);
        read.arrived(got);
        continue;
      }
      RuntimeException failure = answer.failure();
      if (!(failure instanceof SpotifyException spotify)) {
        throw failure;
      }
      switch (spotify.reason()) {
        case RATE_LIMITED -> {
          read.concurrency.pushedBack();
          pending.addFirst(answer.offset());
          Instant until = now().plus(spotify.retryAfter());
          if (until.isAfter(read.deadline)) {
            throw new ReadStopped(ReadStopped.Reason.SPOTIFY_WAIT, until);
          }
          if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            log.debug("Spotify asked to wait {}; the read of user {} pauses", until, read.member);
            read.progress(Optional.of(spotify.retryAfter()));
          }
        }
        case QUOTA_EXCEEDED ->
            throw new ReadStopped(ReadStopped.Reason.QUOTA, now().plus(spotify.retryAfter()));
        default -> throw spotify;
      }
    }
  }

  /**
   * Stops the read, giving back the slot just reserved, when at the budget's pace its last page
   * would go past the read's deadline: this read and, sharing the budget in turns, the others in
   * flight take a slot each per turn, each until it has none left to ask for. An estimate (a read
   * beside may yet stop), never one that a read alone could beat. Stopping at the first page this
   * shows tells the member at once, instead of after spending minutes of everyone's budget.
   */
  private void endsInTime(Read read, Instant now) {
    long ahead = read.unreserved;
    long others = 0;
    for (Read other : reads.values()) {
      if (other != read) {
        ahead += Math.min(other.unreserved, read.unreserved);
        others += other.unreserved;
      }
    }
    if (!now.plus(budget.untilFree(ahead)).isAfter(read.deadline)) {
      return;
    }
    budget.release();
    // When the others will have asked for their pages: the budget is free again then.
    Instant freed = now.plus(budget.untilFree(others));
    log.debug("The read of user {} would end past Discord's window; stopped", read.member);
    throw new ReadStopped(ReadStopped.Reason.CROWDED, freed);
  }

  private Answer request(Read read, int offset) {
    requesting.set(read);
    try {
      TrackPage page = pages.page(read.member, offset, PAGE);
      return new Answer(offset, page, null, read.forgotten);
    } catch (RuntimeException e) {
      return new Answer(offset, null, e, read.forgotten);
    } finally {
      requesting.remove();
    }
  }

  /** One read in flight and the listeners of every command that joined it. */
  private final class Read {
    final String member;
    final Instant deadline;
    final CompletableFuture<ReadResult> result = new CompletableFuture<>();
    final PageConcurrency concurrency = new PageConcurrency(settings.maxConcurrentPages());
    final List<ReadListener> listeners = new CopyOnWriteArrayList<>();
    volatile boolean forgotten;

    /** A page came back: from then on a new login found by a page request changed the read. */
    volatile boolean pageArrived;

    /** Pages the read still has to ask the budget for, as far as it knows yet. */
    volatile int unreserved;

    volatile Thread thread;
    volatile int total = -1;
    volatile boolean streaming;

    /** A page after the first saw another total: songs were liked or removed during the read. */
    volatile boolean changed;

    private ReadProgress last = ReadProgress.of(0, -1);
    private int nextOffset;
    private int delivered;

    /** What was delivered, for a late listener and the snapshot, while it fits the budget. */
    private List<LikedSong> held = new ArrayList<>();

    private long heldBytes = LibrarySnapshot.EMPTY_BYTES;
    private boolean dropped;

    Read(String member, Instant deadline) {
      this.member = member;
      this.deadline = deadline;
    }

    /**
     * A listener joining late first hears what the others heard; false (not joined) when the read
     * has let go of the songs it would have to replay.
     */
    synchronized boolean join(ReadListener listener) {
      if (dropped) {
        return false;
      }
      listeners.add(listener);
      listener.progress(last);
      if (!held.isEmpty()) {
        listener.songs(0, List.copyOf(held));
      }
      return true;
    }

    /**
     * While streaming, hands on (and lets go of) the pages that now follow the last delivered one
     * without a gap; before, pages only count towards the progress.
     */
    synchronized void arrived(Map<Integer, List<LikedSong>> got) {
      if (!streaming) {
        progress(Optional.empty());
        return;
      }
      while (got.containsKey(nextOffset)) {
        deliver(delivered, got.remove(nextOffset));
        nextOffset += PAGE;
      }
      progress(Optional.empty());
    }

    synchronized void deliver(int from, List<LikedSong> songs) {
      if (from != delivered) {
        return; // only in order; a gap fills when its page arrives
      }
      delivered += songs.size();
      hold(songs);
      listeners.forEach(l -> l.songs(from, songs));
      progress(Optional.empty());
    }

    /** Keeps the songs while they fit the budget; past it, lets go of all of them for good. */
    private void hold(List<LikedSong> songs) {
      if (dropped) {
        return;
      }
      for (LikedSong song : songs) {
        heldBytes += LibrarySnapshot.bytesFor(song);
      }
      if (heldBytes > settings.snapshotBudgetBytes()) {
        dropped = true;
        held = List.of();
        log.debug(
            "The library of user {} is larger than the snapshot budget: streamed only", member);
      } else {
        held.addAll(songs);
      }
    }

    synchronized int delivered() {
      return delivered;
    }

    synchronized int holding() {
      return held.size();
    }

    /** Every song delivered, when the read still holds them all. */
    synchronized Optional<LibrarySnapshot> whole() {
      return dropped ? Optional.empty() : Optional.of(new LibrarySnapshot(total, held));
    }

    synchronized void progress(Optional<Duration> wait) {
      last = new ReadProgress(delivered, total, wait);
      listeners.forEach(l -> l.progress(last));
    }
  }
}
