package dev.likesbot.likes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.TrackPage;
import dev.likesbot.store.ShufflePosition;
import dev.likesbot.store.ShuffleStore;
import dev.likesbot.tokens.MemberTokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Answers about a member's Liked Songs without walking their library: Spotify's paging reports the
 * {@code total}, so a count is one request, a random pick two (one when the total is cached) and a
 * page of the list one.
 *
 * <p>Random picks follow a per-member {@link FeistelPermutation} of the library, its seed and
 * position kept in the {@link ShuffleStore}, so no song comes back before all were shown.
 */
public final class LikesService {
  /** Picks that land on something unshowable (local file, removed track) are retried this often. */
  static final int MAX_PICKS = 5;

  /** Songs per page of /likes list. */
  public static final int PAGE_SIZE = 10;

  private final MemberTokens tokens;
  private final SpotifyLibrary library;
  private final ShuffleStore shuffles;
  private final RandomGenerator random;
  private final Cache<String, Integer> totals;

  public LikesService(
      MemberTokens tokens,
      SpotifyLibrary library,
      ShuffleStore shuffles,
      RandomGenerator random,
      Duration totalTtl,
      Ticker ticker) {
    this.tokens = tokens;
    this.library = library;
    this.shuffles = shuffles;
    this.random = random;
    this.totals =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(totalTtl)
            .maximumSize(100_000)
            .build();
    // A total belongs to one link: unlinked or relinked (here or elsewhere), it is read again.
    tokens.whenForgotten(totals::invalidate);
  }

  /** How many songs the member liked: one request. */
  public int count(String discordUserId) {
    return page(discordUserId, 0, 1).total();
  }

  /**
   * A random pick: the library size, the song when one could be shown, and how many picks of the
   * current no-repeat round this one is (1 for the first song of a round).
   */
  public record Pick(int total, Optional<SavedTrack> song, int round) {}

  /** The next song of the member's shuffle that can be shown; unshowable ones are skipped. */
  public Pick random(String discordUserId) {
    int total = total(discordUserId);
    for (int pick = 0; pick < MAX_PICKS && total > 0; pick++) {
      ShufflePosition step = shuffles.next(discordUserId, total, random.nextLong());
      int offset = new FeistelPermutation(total, step.seed()).at(step.position());
      TrackPage page = page(discordUserId, offset, 1);
      // The library may have changed since the total was read: a new total starts a new walk.
      total = page.total();
      Optional<SavedTrack> found =
          page.items().stream()
              .findFirst()
              .filter(s -> s.track().filter(Track::showable).isPresent());
      if (found.isPresent()) {
        return new Pick(total, found, step.position() + 1);
      }
    }
    return new Pick(total, Optional.empty(), 0);
  }

  /** One page of the list: {@code number} counts from 0; {@code songs} are newest first. */
  public record Page(int total, int number, List<SavedTrack> songs) {
    /** How many pages the library fills (at least 1, so an empty library has page 1 of 1). */
    public int pages() {
      return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }
  }

  /**
   * Page {@code number} (from 0) of the member's Liked Songs, newest first: one request. A page
   * past the end gives the last page (one more request when the cached total did not tell).
   */
  public Page list(String discordUserId, int number) {
    int asked = Math.max(0, Math.min(number, Integer.MAX_VALUE / PAGE_SIZE - 1));
    // The total is read with the token, so one remembered from a link that is gone was dropped.
    Page page =
        tokens.call(
            discordUserId,
            token -> {
              Integer cached = totals.getIfPresent(discordUserId);
              int wanted = cached == null ? asked : Math.min(asked, lastPage(cached));
              TrackPage read = library.savedTracks(token, wanted * PAGE_SIZE, PAGE_SIZE);
              return new Page(read.total(), wanted, read.items());
            });
    totals.put(discordUserId, page.total());
    int last = lastPage(page.total());
    if (page.number() > last) {
      TrackPage read = page(discordUserId, last * PAGE_SIZE, PAGE_SIZE);
      page = new Page(read.total(), last, read.items());
    }
    return page;
  }

  private static int lastPage(int total) {
    return Math.max(0, (total - 1) / PAGE_SIZE);
  }

  /**
   * The remembered size of the library, else one request for it. Read with the token, so a total
   * remembered from a link that is gone was dropped first.
   */
  private int total(String discordUserId) {
    return tokens.call(
        discordUserId,
        token -> {
          Integer cached = totals.getIfPresent(discordUserId);
          if (cached != null) {
            return cached;
          }
          int total = library.savedTracks(token, 0, 1).total();
          totals.put(discordUserId, total);
          return total;
        });
  }

  /** One page of the library; remembers the total it reports. */
  private TrackPage page(String discordUserId, int offset, int limit) {
    TrackPage page = tokens.call(discordUserId, token -> library.savedTracks(token, offset, limit));
    totals.put(discordUserId, page.total());
    return page;
  }
}
