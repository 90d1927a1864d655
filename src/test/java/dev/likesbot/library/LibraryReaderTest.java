package dev.likesbot.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.TrackPage;
import dev.likesbot.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-library reader against an in-memory Spotify: requests counted, time injected (its waits
 * move the clock), pages run on the calling thread unless a test needs them concurrent.
 */
class LibraryReaderTest {
  private static final int PAGE = LibraryReader.PAGE;
  private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
  private final FakeTime time = new FakeTime(START);
  private final Library library = new Library();
  private final List<Instant> requestTimes = Collections.synchronizedList(new ArrayList<>());
  private final Deque<SpotifyException> failures = new ArrayDeque<>();
  private ExecutorService threads;

  /** Liked songs newest first, like Spotify's; a page request is one request. */
  private final class Library implements LibraryReader.PageSource {
    final List<SavedTrack> songs = Collections.synchronizedList(new ArrayList<>());
    int next;

    void add(int n) {
      List<SavedTrack> added = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = next++;
        Track track =
            new Track(
                "Song " + id,
                List.of("Artist " + id % 7),
                "Album " + id % 11,
                Optional.empty(),
                Optional.of("https://open.spotify.com/track/" + id),
                Duration.ofSeconds(180),
                false,
                true,
                id % 3 == 0,
                Optional.of("ISRC" + id),
                Optional.of((1960 + id % 60) + "-01-01"));
        added.add(0, new SavedTrack(Optional.of(track), Optional.of(START.plusSeconds(id))));
      }
      songs.addAll(0, added);
    }

    @Override
    public TrackPage page(String member, int offset, int limit) {
      requestTimes.add(time.instant());
      synchronized (failures) {
        if (!failures.isEmpty()) {
          throw failures.removeFirst();
        }
      }
      synchronized (songs) {
        int to = Math.min(songs.size(), offset + limit);
        return new TrackPage(
            songs.size(),
            offset,
            offset >= to ? List.of() : List.copyOf(songs.subList(offset, to)));
      }
    }
  }

  private LibraryReader reader(int perSecond, int burst, int readsPerHour, long budgetBytes) {
    return new LibraryReader(
        library,
        new LibraryReader.Settings(perSecond, burst, 4, readsPerHour, budgetBytes),
        Runnable::run,
        Runnable::run,
        time,
        time,
        time::advance);
  }

  private LibraryReader reader() {
    return readerOver(library);
  }

  /** A reader with the default settings over {@code pages}, run on the test's thread. */
  private LibraryReader readerOver(LibraryReader.PageSource pages) {
    return new LibraryReader(
        pages,
        new LibraryReader.Settings(10, 1_000, 4, 100, 64L << 20),
        Runnable::run,
        Runnable::run,
        time,
        time,
        time::advance);
  }

  @AfterEach
  void stopThreads() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  private static final class Heard implements ReadListener {
    final List<ReadProgress> progress = Collections.synchronizedList(new ArrayList<>());
    final List<LikedSong> songs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(ReadProgress p) {
      progress.add(p);
    }

    @Override
    public void songs(int from, List<LikedSong> more) {
      assertThat(from).as("songs arrive in order, each once").isEqualTo(songs.size());
      songs.addAll(more);
    }
  }

  private List<String> titles(List<LikedSong> songs) {
    return songs.stream().map(LikedSong::title).toList();
  }

  private List<String> expectedTitles() {
    return library.songs.stream().map(s -> s.track().orElseThrow().name()).toList();
  }

  @Test
  void aFirstReadReadsEveryPageOnceAndHandsOnTheSongsInOrder() {
    library.add(1_234);
    Heard heard = new Heard();

    ReadResult done = reader().read("m", heard).join();

    assertThat(requestTimes).hasSize(25);
    assertThat(done).isEqualTo(new ReadResult(1_234, 1_234, true));
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(heard.progress.get(heard.progress.size() - 1))
        .isEqualTo(ReadProgress.of(1_234, 1_234));
    assertThat(heard.songs.get(0).isrc()).isEqualTo("ISRC1233");
  }

  @Test
  void aRepeatWithTheLibraryUnchangedCostsOneRequest() {
    library.add(1_000);
    LibraryReader reader = reader();
    reader.read("m", new Heard()).join();
    requestTimes.clear();
    Heard heard = new Heard();

    ReadResult again = reader.read("m", heard).join();

    assertThat(requestTimes).hasSize(1);
    assertThat(again.songs()).isEqualTo(1_000);
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
  }

  @Test
  void afterSongsWereOnlyAddedOnlyTheNewPagesAreRead() {
    library.add(1_000);
    LibraryReader reader = reader();
    reader.read("m", new Heard()).join();
    requestTimes.clear();
    library.add(100);
    Heard heard = new Heard();

    ReadResult again = reader.read("m", heard).join();

    assertThat(requestTimes).hasSizeLessThanOrEqualTo(3);
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(again.total()).isEqualTo(1_100);
  }

  @Test
  void aRemovedSongMeansReadingEverythingAgain() {
    library.add(500);
    LibraryReader reader = reader();
    reader.read("m", new Heard()).join();
    requestTimes.clear();
    library.songs.remove(300);
    library.add(1);
    Heard heard = new Heard();

    reader.read("m", heard).join();

    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(requestTimes).hasSize(10);
  }

  @Test
  void pagesBeyondTheBurstArePacedByTheBudget() {
    library.add(300); // 6 pages
    LibraryReader reader = reader(2, 2, 100, 64L << 20);

    reader.read("m", new Heard()).join();

    // Two at once, then one every half second, however many are allowed in flight.
    assertThat(requestTimes)
        .containsExactly(
            START,
            START,
            START.plusMillis(500),
            START.plusMillis(1_000),
            START.plusMillis(1_500),
            START.plusMillis(2_000));
  }

  @Test
  void aRateLimitPausesTheReadWhichResumesWhereItWas() {
    library.add(400);
    failures.add(
        new SpotifyException(
            SpotifyException.Reason.RATE_LIMITED, "429", Duration.ofSeconds(7), null));
    Heard heard = new Heard();

    reader().read("m", heard).join();

    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(requestTimes).hasSize(9); // 8 pages and the one refused
    assertThat(heard.progress)
        .anySatisfy(p -> assertThat(p.spotifyWait()).contains(Duration.ofSeconds(7)));
    assertThat(requestTimes.get(requestTimes.size() - 1)).isAfterOrEqualTo(START.plusSeconds(7));
  }

  @Test
  void aWaitPastDiscordsWindowStopsTheReadAndSaysWhenToTryAgain() {
    library.add(100);
    failures.add(
        new SpotifyException(
            SpotifyException.Reason.RATE_LIMITED, "429", Duration.ofMinutes(20), null));

    CompletableFuture<ReadResult> read = reader().read("m", new Heard());

    assertThatThrownBy(read::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class,
            s -> {
              assertThat(s.reason()).isEqualTo(ReadStopped.Reason.SPOTIFY_WAIT);
              assertThat(s.tryAgainAt()).isEqualTo(START.plus(Duration.ofMinutes(20)));
            });
  }

  /**
   * The bug: only Spotify's 429 wait was held against Discord's window, not the budget's pace, so a
   * read slowed by the app-wide budget went on past the window and its member never heard back.
   */
  @Test
  void aReadTheBudgetCannotPaceWithinDiscordsWindowStopsAtOnce() {
    library.add(50_000); // 1,000 pages at one a second: some 17 minutes
    LibraryReader reader = reader(1, 1, 100, 64L << 20);

    CompletableFuture<ReadResult> read = reader.read("m", new Heard());

    assertThatThrownBy(read::join)
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class, s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.CROWDED));
    assertThat(requestTimes).as("stopped before spending minutes of requests").hasSize(1);
    assertThat(Duration.between(START, time.instant())).isLessThan(Duration.ofSeconds(5));
  }

  /**
   * The reviewer's case: reads that fit the window alone do not together. The one that would end
   * past it is told at once, with a time when the read in flight will have its pages, and the one
   * in flight finishes.
   */
  @Test
  void aReadThatWouldEndPastTheWindowBesideAnotherStopsAtOnceAndTheOtherFinishes()
      throws Exception {
    library.add(25_000); // 500 pages: 500 s alone at one a second, some 1,000 s beside another
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstHeld = new CountDownLatch(1);
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    threads = Executors.newCachedThreadPool();
    LibraryReader.PageSource heldForA =
        (member, offset, limit) -> {
          asked.add(member);
          if (member.equals("a") && offset >= PAGE) {
            firstHeld.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return library.page(member, offset, limit);
        };
    LibraryReader reader =
        new LibraryReader(
            heldForA,
            new LibraryReader.Settings(1, 1, 4, 100, 64L << 20),
            threads,
            threads,
            time,
            time,
            time::advance);
    CompletableFuture<ReadResult> a = reader.read("a", new Heard());
    assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<ReadResult> b = reader.read("b", new Heard());

    assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class,
            s -> {
              assertThat(s.reason()).isEqualTo(ReadStopped.Reason.CROWDED);
              assertThat(s.tryAgainAt())
                  .as("once a's 490-odd unrequested pages went at one a second")
                  .isAfter(time.instant().plusSeconds(480));
            });
    assertThat(asked).as("b asked for page one only").containsOnlyOnce("b");
    release.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS).songs()).isEqualTo(25_000);
  }

  @Test
  void aUsedUpQuotaStopsTheRead() {
    library.add(100);
    failures.add(
        new SpotifyException(
            SpotifyException.Reason.QUOTA_EXCEEDED, "quota", Duration.ofHours(1), null));

    assertThatThrownBy(() -> reader().read("m", new Heard()).join())
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class, s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.QUOTA));
  }

  @Test
  void anotherFailureEndsTheReadWithIt() {
    library.add(100);
    failures.add(new SpotifyException(SpotifyException.Reason.REVOKED, "gone"));

    assertThatThrownBy(() -> reader().read("m", new Heard()).join())
        .cause()
        .isInstanceOf(SpotifyException.class);
  }

  @Test
  void aMemberMayStartOnlySoManyReadsAnHour() {
    library.add(10);
    LibraryReader reader = reader(10, 100, 2, 64L << 20);
    reader.read("m", new Heard()).join();
    time.advance(Duration.ofMinutes(10));
    reader.read("m", new Heard()).join();

    assertThatThrownBy(() -> reader.read("m", new Heard()).join())
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class,
            s -> {
              assertThat(s.reason()).isEqualTo(ReadStopped.Reason.HOURLY_LIMIT);
              assertThat(s.tryAgainAt()).isEqualTo(START.plus(Duration.ofHours(1)));
            });
    assertThat(reader.read("other", new Heard()).join().songs()).isEqualTo(10);
    time.advance(Duration.ofMinutes(50));
    assertThat(reader.read("m", new Heard()).join().songs()).isEqualTo(10);
  }

  /**
   * The bug: a song liked while the pages were read shifts the later pages by one, so the read saw
   * one song twice and not the new one. That snapshot was kept, and the next read, finding only one
   * song added, put the new song before it: the duplicate stayed in every later stats and export.
   */
  @Test
  void aLibraryChangedDuringTheReadIsNotKeptSoTheNextReadIsExact() {
    library.add(120);
    LibraryReader reader =
        readerOver(
            (member, offset, limit) -> {
              TrackPage page = library.page(member, offset, limit);
              if (offset == 0 && library.next == 120) {
                library.add(1); // liked just after page one answered
              }
              return page;
            });
    reader.read("m", new Heard()).join();
    Heard heard = new Heard();

    reader.read("m", heard).join();

    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
  }

  @Test
  void forgettingAMemberDropsTheSnapshot() {
    library.add(200);
    LibraryReader reader = reader();
    reader.read("m", new Heard()).join();
    assertThat(reader.keeps("m")).isTrue();

    reader.forget("m");

    assertThat(reader.keeps("m")).isFalse();
    requestTimes.clear();
    reader.read("m", new Heard()).join();
    assertThat(requestTimes).hasSize(4);
  }

  /**
   * The bug: a relink during a read only kept its snapshot from being stored; the read went on with
   * the new account's token and mixed two accounts' songs into one answer.
   */
  @Test
  void aRelinkDuringTheReadEndsItAtOnceWithoutTheNewAccountsSongs() throws Exception {
    library.add(300);
    CountDownLatch release = new CountDownLatch(1);
    LibraryReader reader = heldReader(PAGE, release, 64L << 20);
    Arrived first = new Arrived(PAGE);
    CompletableFuture<ReadResult> read = reader.read("m", first);
    assertThat(first.reached.await(10, TimeUnit.SECONDS)).isTrue();

    reader.forget("m");
    library.songs.clear(); // the new account's library
    library.add(300);
    release.countDown();

    assertThat(read).as("ended by the relink itself").isCompletedExceptionally();
    assertThatThrownBy(read::join)
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class,
            s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.LINK_CHANGED));
    assertThat(titles(first.heard.songs)).doesNotContainAnyElementsOf(expectedTitles());
    assertThat(reader.keeps("m")).isFalse();
    assertThat(reader.read("m", new Heard()).get(10, TimeUnit.SECONDS).songs())
        .as("a new command reads the new account")
        .isEqualTo(300);
  }

  /**
   * A page request itself can find the link replaced (another instance relinked): the token layer
   * forgets the member on the read's own page thread and answers with the new account's page.
   */
  @Test
  void aRelinkFoundByAPageRequestEndsTheReadWithoutThatPage() {
    library.add(300);
    LibraryReader[] self = new LibraryReader[1];
    List<String> oldTitles = expectedTitles();
    self[0] =
        new LibraryReader(
            (member, offset, limit) -> {
              if (offset == 2 * PAGE) {
                self[0].forget(member);
                library.songs.clear();
                library.add(300);
              }
              return library.page(member, offset, limit);
            },
            new LibraryReader.Settings(10, 1_000, 1, 100, 64L << 20),
            Runnable::run,
            Runnable::run,
            time,
            time,
            time::advance);
    Heard heard = new Heard();

    CompletableFuture<ReadResult> read = self[0].read("m", heard);

    assertThatThrownBy(read::join)
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class,
            s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.LINK_CHANGED));
    assertThat(titles(heard.songs)).isEqualTo(oldTitles.subList(0, 2 * PAGE));
    assertThat(self[0].keeps("m")).isFalse();
  }

  /**
   * The bug: a member relinked on another instance, then ran /likes stats here. The read's first
   * page request is where the token layer notices the new login (it forgets the member on that
   * thread), so the read the member asked for after relinking ended with "Your Spotify link changed
   * while your liked songs were being read". Nothing was read before it: the read goes on with the
   * new account and never uses the old account's snapshot.
   */
  @Test
  void aRelinkFoundByTheFirstPageRequestReadsTheNewAccountWithoutTheOldSnapshot() {
    library.add(300);
    LibraryReader[] self = new LibraryReader[1];
    boolean[] relinked = new boolean[1];
    self[0] =
        readerOver(
            (member, offset, limit) -> {
              if (relinked[0]) {
                relinked[0] = false;
                self[0].forget(member); // as MemberTokens.using does, then goes on
              }
              return library.page(member, offset, limit);
            });
    self[0].read("m", new Heard()).join();
    assertThat(self[0].keeps("m")).isTrue();
    // Another instance relinked the member to an account that liked as many songs, the newest
    // the same (so page one alone could not tell the old snapshot from the new library).
    SavedTrack newest = library.songs.get(0);
    library.songs.clear();
    library.add(299);
    library.songs.add(0, newest);
    relinked[0] = true;
    Heard heard = new Heard();

    ReadResult result = self[0].read("m", heard).join();

    assertThat(result.songs()).isEqualTo(300);
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(self[0].keeps("m")).as("the new account's library is kept").isTrue();
  }

  /** A grant that ended is said as such ("link again"), not as a changed link. */
  @Test
  void aLinkRevokedDuringTheReadEndsItWithTheRevocation() {
    library.add(300);
    LibraryReader[] self = new LibraryReader[1];
    self[0] =
        readerOver(
            (member, offset, limit) -> {
              if (offset == 2 * PAGE) {
                self[0].forget(member); // as MemberTokens does before it throws
                throw new SpotifyException(SpotifyException.Reason.REVOKED, "refused");
              }
              return library.page(member, offset, limit);
            });

    CompletableFuture<ReadResult> read = self[0].read("m", new Heard());

    assertThatThrownBy(read::join)
        .cause()
        .isInstanceOfSatisfying(
            SpotifyException.class,
            e -> assertThat(e.reason()).isEqualTo(SpotifyException.Reason.REVOKED));
  }

  @Test
  void aLibraryLargerThanTheBudgetIsReadButNotKept() {
    library.add(200);
    LibraryReader reader = reader(10, 1_000, 100, 10_000);

    Heard heard = new Heard();

    assertThat(reader.read("m", heard).join()).isEqualTo(new ReadResult(200, 200, false));

    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(reader.keeps("m")).isFalse();
  }

  /**
   * The bug: a read kept every song it delivered until it ended, so a library larger than the
   * budget sat on the heap twice over (-Xmx64m and 100,000 songs at ~600 bytes).
   */
  @Test
  void aLibraryLargerThanTheBudgetIsStreamedWholeAndInOrderWithoutBeingHeld() {
    library.add(2_000); // about 1.1 MB estimated, eleven times the budget
    long budget = 100_000;
    LibraryReader reader = reader(10, 1_000, 100, budget);
    Heard heard = new Heard();
    List<Integer> held = new ArrayList<>();
    ReadListener watching =
        new ReadListener() {
          @Override
          public void progress(ReadProgress p) {
            heard.progress(p);
          }

          @Override
          public void songs(int from, List<LikedSong> songs) {
            heard.songs(from, songs);
            held.add(reader.holding("m"));
          }
        };

    ReadResult done = reader.read("m", watching).join();

    assertThat(done).isEqualTo(new ReadResult(2_000, 2_000, false));
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(held).as("held after each page").isNotEmpty();
    assertThat(held.get(held.size() - 1)).as("held at the end").isZero();
    assertThat(held.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .as("never more than the budget's worth of songs (about 550 bytes each)")
        .isLessThanOrEqualTo((int) (budget / 500));
    assertThat(reader.keeps("m")).isFalse();
  }

  /** A reader whose pages from {@code heldFrom} on wait for {@code release}, on real threads. */
  private LibraryReader heldReader(int heldFrom, CountDownLatch release, long budgetBytes) {
    threads = Executors.newCachedThreadPool();
    LibraryReader.PageSource held =
        (member, offset, limit) -> {
          if (offset >= heldFrom) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return library.page(member, offset, limit);
        };
    return new LibraryReader(
        held,
        new LibraryReader.Settings(10, 1_000, 4, 100, budgetBytes),
        threads,
        threads,
        time,
        time,
        time::advance);
  }

  /** Hears the songs and says when {@code count} of them arrived. */
  private static final class Arrived implements ReadListener {
    final Heard heard = new Heard();
    final CountDownLatch reached = new CountDownLatch(1);
    final int count;

    Arrived(int count) {
      this.count = count;
    }

    @Override
    public void progress(ReadProgress p) {
      heard.progress(p);
    }

    @Override
    public void songs(int from, List<LikedSong> songs) {
      heard.songs(from, songs);
      if (heard.songs.size() >= count) {
        reached.countDown();
      }
    }
  }

  @Test
  void aCommandJoiningATooLargeReadLateIsToldAtOnceAndTheReadGoesOn() throws Exception {
    library.add(2_000);
    CountDownLatch release = new CountDownLatch(1);
    LibraryReader reader = heldReader(1_000, release, 100_000);
    Arrived first = new Arrived(1_000);
    CompletableFuture<ReadResult> a = reader.read("m", first);
    assertThat(first.reached.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<ReadResult> late = reader.read("m", new Heard());

    assertThat(late)
        .as("refused before the running read ends")
        .isCompletedExceptionally()
        .isNotSameAs(a);
    assertThatThrownBy(late::join)
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class, s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.BUSY));
    release.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(new ReadResult(2_000, 2_000, false));
    assertThat(titles(first.heard.songs)).isEqualTo(expectedTitles());
    assertThat(requestTimes).as("the refusal cost Spotify nothing").hasSize(40);
  }

  @Test
  void aCommandJoiningATooLargeReadBeforeItLetGoHearsItWhole() throws Exception {
    library.add(2_000);
    CountDownLatch release = new CountDownLatch(1);
    LibraryReader reader = heldReader(50, release, 100_000); // page one only, ~90 songs' budget
    Arrived first = new Arrived(50);
    Heard second = new Heard();
    CompletableFuture<ReadResult> a = reader.read("m", first);
    assertThat(first.reached.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<ReadResult> b = reader.read("m", second);
    release.countDown();

    assertThat(b).isSameAs(a);
    assertThat(a.get(10, TimeUnit.SECONDS).songs()).isEqualTo(2_000);
    assertThat(titles(second.songs)).isEqualTo(expectedTitles());
    assertThat(titles(first.heard.songs)).isEqualTo(expectedTitles());
  }

  @Test
  void aKeptLibraryThatOutgrowsTheBudgetIsReadWholeAndNoLongerKept() {
    library.add(100); // about 55 KB
    LibraryReader reader = reader(10, 1_000, 100, 100_000);
    reader.read("m", new Heard()).join();
    assertThat(reader.keeps("m")).isTrue();
    library.add(400);
    requestTimes.clear();
    Heard heard = new Heard();

    ReadResult done = reader.read("m", heard).join();

    assertThat(done).isEqualTo(new ReadResult(500, 500, false));
    assertThat(titles(heard.songs)).isEqualTo(expectedTitles());
    assertThat(reader.keeps("m")).as("the stale snapshot went too").isFalse();
  }

  @Test
  void aSecondCommandJoinsTheReadInFlight() throws Exception {
    library.add(300);
    CountDownLatch release = new CountDownLatch(1);
    threads = Executors.newCachedThreadPool();
    LibraryReader.PageSource held =
        (member, offset, limit) -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return library.page(member, offset, limit);
        };
    LibraryReader reader =
        new LibraryReader(
            held,
            new LibraryReader.Settings(10, 1_000, 4, 100, 64L << 20),
            threads,
            threads,
            time,
            time,
            time::advance);
    Heard first = new Heard();
    Heard second = new Heard();

    CompletableFuture<ReadResult> a = reader.read("m", first);
    CompletableFuture<ReadResult> b = reader.read("m", second);
    release.countDown();

    assertThat(b).isSameAs(a);
    assertThat(a.get(10, TimeUnit.SECONDS).songs()).isEqualTo(300);
    assertThat(requestTimes).hasSize(6);
    assertThat(titles(second.songs)).isEqualTo(expectedTitles());
  }

  @Test
  void aStopAbandonsTheReadInFlight() throws Exception {
    library.add(300);
    CountDownLatch never = new CountDownLatch(1);
    threads = Executors.newCachedThreadPool();
    LibraryReader reader =
        new LibraryReader(
            (member, offset, limit) -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new SpotifyException(SpotifyException.Reason.UNAVAILABLE, "cut");
            },
            new LibraryReader.Settings(10, 1_000, 4, 100, 64L << 20),
            threads,
            threads,
            time,
            time,
            time::advance);
    CompletableFuture<ReadResult> read = reader.read("m", new Heard());

    reader.stop();

    assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            ReadStopped.class, s -> assertThat(s.reason()).isEqualTo(ReadStopped.Reason.STOPPING));
    assertThatThrownBy(() -> reader.read("n", new Heard()).join())
        .cause()
        .isInstanceOf(ReadStopped.class);
  }

  @Test
  void aHundredThousandSongsWithRateLimitsFinishWithinDiscordsWindowAndTheBarMoves() {
    library.add(100_000);
    int[] requests = {0};
    LibraryReader.PageSource flaky =
        (member, offset, limit) -> {
          if (++requests[0] % 150 == 0) {
            throw new SpotifyException(
                SpotifyException.Reason.RATE_LIMITED, "429", Duration.ofSeconds(5), null);
          }
          return library.page(member, offset, limit);
        };
    LibraryReader reader =
        new LibraryReader(
            flaky,
            new LibraryReader.Settings(10, 250, 8, 100, 64L << 20),
            Runnable::run,
            Runnable::run,
            time,
            time,
            time::advance);
    Heard heard = new Heard();

    ReadResult done = reader.read("m", heard).join();

    assertThat(done.songs()).isEqualTo(100_000);
    assertThat(heard.songs).hasSize(100_000);
    assertThat(Duration.between(START, time.instant())).isLessThan(LibraryReader.WINDOW);
    assertThat(heard.progress.stream().map(ReadProgress::read).distinct().count())
        .as("the bar moves page by page")
        .isGreaterThan(1_000);
    assertThat(heard.progress).anySatisfy(p -> assertThat(p.spotifyWait()).isPresent());
    assertThat(reader.keeps("m")).as("100,000 compact songs fit the default 64 MiB").isTrue();
  }
}
