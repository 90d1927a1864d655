package dev.likesbot.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.testing.OutsideText;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The stats of arbitrary libraries, names from outside included, against their definitions. */
class LibraryStatsProperties {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Provide
  Arbitrary<LikedSong> songs() {
    Arbitrary<String> name = Arbitraries.oneOf(OutsideText.upTo(30), Arbitraries.of("A", "B", "C"));
    Arbitrary<Instant> added =
        Arbitraries.longs()
            .between(NOW.minus(Duration.ofDays(6_000)).getEpochSecond(), NOW.getEpochSecond())
            .map(Instant::ofEpochSecond)
            .injectNull(0.05);
    Arbitrary<String> release =
        Arbitraries.oneOf(
            Arbitraries.integers().between(1900, 2026).map(y -> y + "-05-01"),
            Arbitraries.of("", "0000", "1987", "abcd"));
    return Combinators.combine(
            added,
            name,
            name.list().ofMaxSize(4),
            name,
            release,
            Arbitraries.integers().between(0, 1_000_000),
            Arbitraries.of(true, false))
        .as(
            (a, t, artists, album, r, ms, explicit) ->
                new LikedSong(a, t, artists, album, r, ms, explicit, "", ""));
  }

  @Property
  void totalsCountEverySongOnce(
      @ForAll @Size(max = 300) List<@net.jqwik.api.From("songs") LikedSong> songs) {
    LibraryStats stats = LibraryStats.of(songs, NOW);

    assertThat(stats.songs()).isEqualTo(songs.size());
    assertThat(stats.playingTime().toMillis())
        .isEqualTo(songs.stream().mapToLong(LikedSong::durationMs).sum());
    assertThat(stats.explicitShare()).isBetween(0.0, 1.0);
    assertThat(stats.explicitSongs())
        .isEqualTo((int) songs.stream().filter(LikedSong::explicit).count());
    Set<String> artists = new HashSet<>();
    songs.forEach(s -> s.artists().stream().filter(a -> !a.isBlank()).forEach(artists::add));
    assertThat(stats.distinctArtists()).isEqualTo(artists.size());
    assertThat(stats.likesOverTime().stream().mapToInt(LibraryStats.Count::count).sum())
        .isEqualTo((int) songs.stream().filter(s -> s.addedAt() != null).count());
    assertThat(stats.releaseDecades().stream().mapToInt(LibraryStats.Count::count).sum())
        .isEqualTo((int) songs.stream().filter(s -> s.releaseYear().isPresent()).count());
    assertThat(stats.releaseDecades()).allSatisfy(d -> assertThat(d.name()).matches("\\d+"));
    assertThat(stats.likesOverTime())
        .allSatisfy(p -> assertThat(p.name()).matches("\\d{4}(-\\d{2})?"));
  }

  @Property
  void theTopArtistsAreTheMostLikedWithASongCountingForEachOfItsArtists(
      @ForAll @Size(max = 300) List<@net.jqwik.api.From("songs") LikedSong> songs) {
    Map<String, Integer> counts = new HashMap<>();
    songs.forEach(
        s ->
            new HashSet<>(s.artists())
                .stream()
                    .filter(a -> !a.isBlank()) // an artist without a name is no one to rank
                    .forEach(a -> counts.merge(a, 1, Integer::sum)));

    List<LibraryStats.Count> top = LibraryStats.of(songs, NOW).topArtists();

    assertThat(top).hasSize(Math.min(10, counts.size()));
    assertThat(top)
        .isSortedAccordingTo(Comparator.comparingInt(LibraryStats.Count::count).reversed());
    top.forEach(c -> assertThat(c.count()).isEqualTo(counts.get(c.name())));
    int weakestShown = top.isEmpty() ? 0 : top.get(top.size() - 1).count();
    long stronger = counts.values().stream().filter(n -> n > weakestShown).count();
    assertThat(stronger).isLessThanOrEqualTo(top.size());
  }

  @Property
  void periodsRunWithoutGapsFromTheFirstLikeToTheLatest(
      @ForAll @Size(min = 1, max = 100) List<@net.jqwik.api.From("songs") LikedSong> songs) {
    LibraryStats stats = LibraryStats.of(songs, NOW);

    if (stats.firstLike().isPresent()) {
      assertThat(stats.likesOverTime()).isNotEmpty();
      String first = stats.likesOverTime().get(0).name();
      String firstYear =
          Integer.toString(stats.firstLike().get().atZone(java.time.ZoneOffset.UTC).getYear());
      assertThat(first).startsWith(firstYear);
      assertThat(stats.perMonth())
          .isEqualTo(Duration.between(stats.firstLike().get(), NOW).toDays() < 730);
    }
  }

  @Property
  void tallyingPageByPageGivesTheSameStatsAsAllAtOnce(
      @ForAll @Size(max = 300) List<@net.jqwik.api.From("songs") LikedSong> songs,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 60) int page,
      @ForAll("nows") Instant now) {
    LibraryStats.Tally tally = new LibraryStats.Tally();
    for (int from = 0; from < songs.size(); from += page) {
      tally.add(songs.subList(from, Math.min(songs.size(), from + page)));
    }

    assertThat(tally.songs()).isEqualTo(songs.size());
    assertThat(tally.asOf(now)).isEqualTo(LibraryStats.of(songs, now));
  }

  /** Now and then: some libraries are younger than two years (per month), some older. */
  @Provide
  Arbitrary<Instant> nows() {
    return Arbitraries.longs()
        .between(0, 7_000)
        .map(days -> NOW.minus(Duration.ofDays(6_000)).plus(Duration.ofDays(days)));
  }
}
