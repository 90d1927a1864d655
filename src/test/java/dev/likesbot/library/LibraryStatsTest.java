package dev.likesbot.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryStatsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static LikedSong song(String added, List<String> artists, String album, String release) {
    return new LikedSong(Instant.parse(added), "t", artists, album, release, 60_000, false, "", "");
  }

  @Test
  void anOldLibraryCountsLikesPerYearWithEmptyYearsShown() {
    List<LikedSong> songs =
        List.of(
            song("2020-03-01T00:00:00Z", List.of("A", "B"), "X", "1995-01-01"),
            song("2022-03-01T00:00:00Z", List.of("A"), "X", "2001"),
            song("2022-04-01T00:00:00Z", List.of("C"), "Y", ""));

    LibraryStats stats = LibraryStats.of(songs, NOW);

    assertThat(stats.perMonth()).isFalse();
    assertThat(stats.likesOverTime())
        .extracting(LibraryStats.Count::name, LibraryStats.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2020", 1),
            org.assertj.core.groups.Tuple.tuple("2021", 0),
            org.assertj.core.groups.Tuple.tuple("2022", 2));
    assertThat(stats.releaseDecades())
        .extracting(LibraryStats.Count::name, LibraryStats.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1990", 1),
            org.assertj.core.groups.Tuple.tuple("2000", 1));
    assertThat(stats.topArtists())
        .extracting(LibraryStats.Count::name, LibraryStats.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", 2),
            org.assertj.core.groups.Tuple.tuple("B", 1),
            org.assertj.core.groups.Tuple.tuple("C", 1));
    assertThat(stats.topAlbums().get(0)).isEqualTo(new LibraryStats.Count("X", "A", 2));
    assertThat(stats.distinctAlbums()).isEqualTo(2);
    assertThat(stats.playingTime()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aLibraryUnderTwoYearsOldCountsPerMonth() {
    List<LikedSong> songs =
        List.of(
            song("2025-11-15T00:00:00Z", List.of("A"), "X", ""),
            song("2026-02-01T00:00:00Z", List.of("A"), "X", ""));

    LibraryStats stats = LibraryStats.of(songs, NOW);

    assertThat(stats.perMonth()).isTrue();
    assertThat(stats.likesOverTime())
        .extracting(LibraryStats.Count::name)
        .containsExactly("2025-11", "2025-12", "2026-01", "2026-02");
  }

  /**
   * The bug: an artist without a name (a liked local file, a catalogue gap) was counted as an
   * artist called "", so the top artists could open with "1. · 12" and the distinct artists were
   * one too many. Albums without a name were already left out.
   */
  @Test
  void anArtistWithoutANameIsNotCountedAsAnArtist() {
    List<LikedSong> songs =
        List.of(
            song("2020-03-01T00:00:00Z", List.of(""), "", ""),
            song("2020-04-01T00:00:00Z", List.of(" ", "A"), "X", ""),
            song("2020-05-01T00:00:00Z", List.of(""), "Y", ""));

    LibraryStats stats = LibraryStats.of(songs, NOW);

    assertThat(stats.topArtists()).containsExactly(new LibraryStats.Count("A", "", 1));
    assertThat(stats.distinctArtists()).isEqualTo(1);
    assertThat(stats.songs()).isEqualTo(3);
  }
}
