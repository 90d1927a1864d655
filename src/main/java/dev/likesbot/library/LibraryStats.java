package dev.likesbot.library;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a library says about its member: totals, the most liked artists and albums, likes over time
 * and the decades the songs come from. A song with several artists counts for each of them; an
 * album is its name with its first artist, so two albums called "Greatest Hits" stay apart.
 *
 * @param explicitSongs how many are marked explicit
 * @param likesPerMonth likes per month ({@code yyyy-MM}) when the library is younger than two
 *     years, else per year ({@code yyyy}); every period from the first like to the latest, in order
 * @param releaseDecades songs per release decade ({@code 1990} for the 1990s), in order
 */
public record LibraryStats(
    int songs,
    Duration playingTime,
    int distinctArtists,
    int distinctAlbums,
    Optional<Instant> firstLike,
    Optional<Instant> latestLike,
    int explicitSongs,
    List<Count> topArtists,
    List<Count> topAlbums,
    boolean perMonth,
    List<Count> likesOverTime,
    List<Count> releaseDecades) {
  public static final int TOP_ARTISTS = 10;
  public static final int TOP_ALBUMS = 5;
  static final int MAX_BARS = 60;
  static final Duration MONTHLY_BELOW = Duration.ofDays(730);

  public LibraryStats {
    topArtists = List.copyOf(topArtists);
    topAlbums = List.copyOf(topAlbums);
    likesOverTime = List.copyOf(likesOverTime);
    releaseDecades = List.copyOf(releaseDecades);
  }

  /** A name and how many songs it has; {@code by} names an album's first artist (else empty). */
  public record Count(String name, String by, int count) {}

  /** The share of explicit songs, 0 to 1. */
  public double explicitShare() {
    return songs == 0 ? 0 : (double) explicitSongs / songs;
  }

  /** Computes the stats of {@code songs} as of {@code now} (which decides per month or year). */
  public static LibraryStats of(List<LikedSong> songs, Instant now) {
    Tally tally = new Tally();
    tally.add(songs);
    return tally.asOf(now);
  }

  /**
   * The stats counted as songs arrive, so a command never needs the whole library at once: what it
   * holds grows with the distinct artists, albums and months, not with the songs. Not thread-safe:
   * one read's listener feeds it, then the read's end asks for the stats.
   */
  public static final class Tally {
    private int songs;
    private long millis;
    private int explicit;
    private final Map<String, Integer> artists = new HashMap<>();
    private final Map<List<String>, Integer> albums = new HashMap<>();
    private final TreeMap<Integer, Integer> perDecade = new TreeMap<>();
    // Per month ({@code year * 12 + month - 1}, UTC) until the end says per month or per year.
    private final TreeMap<Long, Integer> perMonth = new TreeMap<>();
    private Instant first;
    private Instant latest;

    /** Counts the songs in. */
    public void add(List<LikedSong> more) {
      for (LikedSong song : more) {
        add(song);
      }
    }

    private void add(LikedSong song) {
      songs++;
      millis += song.durationMs();
      if (song.explicit()) {
        explicit++;
      }
      // An artist without a name (a liked local file) is no one to rank, like an album without.
      List<String> named = song.artists().stream().filter(a -> !a.isBlank()).toList();
      for (String artist : new HashSet<>(named)) {
        artists.merge(artist, 1, Integer::sum);
      }
      if (!song.album().isEmpty()) {
        String by = named.isEmpty() ? "" : named.get(0);
        albums.merge(List.of(song.album(), by), 1, Integer::sum);
      }
      song.releaseYear().ifPresent(y -> perDecade.merge(y / 10 * 10, 1, Integer::sum));
      Instant added = song.addedAt();
      if (added != null) {
        first = first == null || added.isBefore(first) ? added : first;
        latest = latest == null || added.isAfter(latest) ? added : latest;
        perMonth.merge(month(added), 1, Integer::sum);
      }
    }

    /** How many songs were counted. */
    public int songs() {
      return songs;
    }

    /** The stats of the songs so far as of {@code now} (which decides per month or year). */
    public LibraryStats asOf(Instant now) {
      boolean monthly = first != null && Duration.between(first, now).compareTo(MONTHLY_BELOW) < 0;
      return new LibraryStats(
          songs,
          Duration.ofMillis(millis),
          artists.size(),
          albums.size(),
          Optional.ofNullable(first),
          Optional.ofNullable(latest),
          explicit,
          top(
              artists.entrySet().stream()
                  .map(e -> new Count(e.getKey(), "", e.getValue()))
                  .toList(),
              TOP_ARTISTS),
          top(
              albums.entrySet().stream()
                  .map(e -> new Count(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                  .toList(),
              TOP_ALBUMS),
          monthly,
          overTime(monthly),
          filled(perDecade, 10));
    }

    private List<Count> overTime(boolean monthly) {
      if (first == null) {
        return List.of();
      }
      TreeMap<Integer, Integer> counts = new TreeMap<>();
      perMonth.forEach((month, n) -> counts.merge(period(month, monthly), n, Integer::sum));
      List<Count> filled = filled(counts, 1);
      return monthly
          ? filled.stream()
              .map(
                  c -> {
                    int month = Integer.parseInt(c.name());
                    return new Count(
                        YearMonth.of(month / 12, month % 12 + 1).toString(), "", c.count());
                  })
              .toList()
          : filled;
    }
  }

  private static List<Count> top(List<Count> counts, int n) {
    return counts.stream()
        .sorted(
            Comparator.comparingInt(Count::count)
                .reversed()
                .thenComparing(Count::name)
                .thenComparing(Count::by))
        .limit(n)
        .toList();
  }

  private static long month(Instant at) {
    YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
    return month.getYear() * 12L + month.getMonthValue() - 1;
  }

  /** Years count as themselves, months as {@code year * 12 + month - 1}, in UTC. */
  private static int period(long month, boolean perMonth) {
    return (int) (perMonth ? month : Math.floorDiv(month, 12));
  }

  /**
   * Every step from the first key to the last, empty ones at 0, so gaps show as gaps; only the keys
   * present when that would be more than {@value #MAX_BARS} bars (a stray year 0001).
   */
  private static List<Count> filled(TreeMap<Integer, Integer> counts, int step) {
    if (counts.isEmpty()) {
      return List.of();
    }
    List<Count> all = new ArrayList<>();
    if ((counts.lastKey() - counts.firstKey()) / step >= MAX_BARS) {
      counts.forEach((key, n) -> all.add(new Count(Integer.toString(key), "", n)));
      return all;
    }
    for (int key = counts.firstKey(); key <= counts.lastKey(); key += step) {
      all.add(new Count(Integer.toString(key), "", counts.getOrDefault(key, 0)));
    }
    return all;
  }
}
