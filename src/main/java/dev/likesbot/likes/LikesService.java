package dev.likesbot.likes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.link.TokenCache;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.TrackPage;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Answers about a member's Liked Songs without walking their library: Spotify's paging reports the
 * {@code total}, so a count is one request and a random pick two (one when the total is cached).
 */
public final class LikesService {
  /** Picks that land on something unshowable (local file, removed track) are retried this often. */
  static final int MAX_PICKS = 5;

  private final TokenCache tokens;
  private final SpotifyLibrary library;
  private final RandomGenerator random;
  private final Cache<String, Integer> totals;

  public LikesService(
      TokenCache tokens,
      SpotifyLibrary library,
      RandomGenerator random,
      Duration totalTtl,
      Ticker ticker) {
    this.tokens = tokens;
    this.library = library;
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
    return page(discordUserId, 0).total();
  }

  /** A random pick: the library size, and the song when one could be shown. */
  public record Pick(int total, Optional<SavedTrack> song) {}

  /** One liked song picked uniformly at random among those that can be shown. */
  public Pick random(String discordUserId) {
    Integer cached = totals.getIfPresent(discordUserId);
    int total = cached != null ? cached : count(discordUserId);
    for (int pick = 0; pick < MAX_PICKS && total > 0; pick++) {
      TrackPage page = page(discordUserId, random.nextInt(total));
      total = page.total(); // the library may have changed since the total was read
      Optional<SavedTrack> found =
          page.items().stream()
              .findFirst()
              .filter(s -> s.track().isPresent() && !s.track().get().local());
      if (found.isPresent()) {
        return new Pick(total, found);
      }
    }
    return new Pick(total, Optional.empty());
  }

  /** The page of one track at {@code offset}; remembers the total it reports. */
  private TrackPage page(String discordUserId, int offset) {
    String token = tokens.accessToken(discordUserId);
    TrackPage page;
    try {
      page = library.savedTracks(token, offset, 1);
    } catch (SpotifyException e) {
      if (e.reason() != SpotifyException.Reason.UNAUTHORIZED) {
        throw e;
      }
      // Refused before its expiry: refresh once; a refusal of the new token means the grant ended.
      String fresh = tokens.refreshRejected(discordUserId, token);
      try {
        page = library.savedTracks(fresh, offset, 1);
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
