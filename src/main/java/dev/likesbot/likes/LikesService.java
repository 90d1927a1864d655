package dev.likesbot.likes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.TrackPage;
import dev.likesbot.store.ShufflePosition;
import dev.likesbot.store.ShuffleStore;
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

  private final TokenCache tokens;
  private final SpotifyLibrary library;
  private final ShuffleStore shuffles;
  private final RandomGenerator random;
  private final Cache<String, Integer> totals;

  public LikesService(
      TokenCache tokens,
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
    tokens.whenForgotten(totals::invalidate);
  }

  /** How many songs the member liked: one request. */
  public int count(String discordUserId) {
    return page(discordUserId, tokens.accessToken(discordUserId), 0, 1).total();
  }

  /**
   * A random pick: the library size, the song when one could be shown, and how many picks of the
   * current no-repeat round this one is (1 for the first song of a round).
   */
  public record Pick(int total, Optional<SavedTrack> song, int round) {}

  /** The next song of the member's shuffle that can be shown; unshowable ones are skipped. */
  public Pick random(String discordUserId) {
    // The token first: fetching it drops a total remembered from a link that is gone.
    String token = tokens.accessToken(discordUserId);
    Integer cached = totals.getIfPresent(discordUserId);
    int total = cached != null ? cached : page(discordUserId, token, 0, 1).total();
    for (int pick = 0; pick < MAX_PICKS && total > 0; pick++) {
      ShufflePosition step = shuffles.next(discordUserId, total, random.nextLong());
      int offset = new FeistelPermutation(total, step.seed()).at(step.position());
      TrackPage page = page(discordUserId, tokens.accessToken(discordUserId), offset, 1);
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
    int wanted = Math.max(0, Math.min(number, Integer.MAX_VALUE / PAGE_SIZE - 1));
    String token = tokens.accessToken(discordUserId);
    Integer cached = totals.getIfPresent(discordUserId);
    if (cached != null) {
      wanted = Math.min(wanted, lastPage(cached));
    }
    TrackPage page = page(discordUserId, token, wanted * PAGE_SIZE, PAGE_SIZE);
    if (wanted > lastPage(page.total())) {
      wanted = lastPage(page.total());
      page = page(discordUserId, tokens.accessToken(discordUserId), wanted * PAGE_SIZE, PAGE_SIZE);
    }
    return new Page(page.total(), wanted, page.items());
  }

  private static int lastPage(int total) {
    return Math.max(0, (total - 1) / PAGE_SIZE);
  }

  /** One page of the library with {@code token}; remembers the total it reports. */
  private TrackPage page(String discordUserId, String token, int offset, int limit) {
    TrackPage page;
    try {
      page = library.savedTracks(token, offset, limit);
    } catch (SpotifyException e) {
      if (e.reason() != SpotifyException.Reason.UNAUTHORIZED) {
        throw e;
      }
      // Refused before its expiry: refresh once; a refusal of the new token means the grant ended.
      String fresh = tokens.refreshRejected(discordUserId, token);
      try {
        page = library.savedTracks(fresh, offset, limit);
      } catch (SpotifyException again) {
        if (again.reason() == SpotifyException.Reason.UNAUTHORIZED) {
          tokens.forget(discordUserId);
          throw new SpotifyException(
              SpotifyException.Reason.REVOKED, "Spotify refused a fresh access token");
        }
        throw again;
      }
    }
    totals.put(discordUserId, page.total());
    return page;
  }
}
