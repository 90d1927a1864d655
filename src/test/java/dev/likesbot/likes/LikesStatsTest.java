package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.ReadProgress;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** What /likes stats says, word for word where members read it. */
class LikesStatsTest {
  private static final Texts EN = Texts.ENGLISH;

  @Test
  void theProgressLineIsABarOfTenAndTheCounts() {
    assertThat(LikesStats.progress(EN, ReadProgress.of(4_200, 10_000)))
        .isEqualTo("Reading your liked songs… ▰▰▰▰▱▱▱▱▱▱ 4,200 / 10,000");
    assertThat(LikesStats.progress(EN, ReadProgress.of(0, -1)))
        .isEqualTo("Reading your liked songs… ▱▱▱▱▱▱▱▱▱▱ 0 / …");
    assertThat(LikesStats.progress(EN, ReadProgress.of(10_000, 10_000)))
        .startsWith("Reading your liked songs… ▰▰▰▰▰▰▰▰▰▰ 10,000");
  }

  @Test
  void aWaitForSpotifyIsSaidUnderTheBar() {
    assertThat(
            LikesStats.progress(
                EN, new ReadProgress(50, 1_000, Optional.of(Duration.ofMillis(29_100)))))
        .isEqualTo(
            "Reading your liked songs… ▱▱▱▱▱▱▱▱▱▱ 50 / 1,000\nSpotify asked us to wait 30 s.");
  }

  @Test
  void aStoppedReadSaysWhenToTryAgain() {
    Instant at = Instant.ofEpochSecond(1_800_000_000L);
    assertThat(LikesStats.stopped(EN, new ReadStopped(ReadStopped.Reason.SPOTIFY_WAIT, at)))
        .contains("<t:1800000000:R>");
    assertThat(LikesStats.stopped(EN, new ReadStopped(ReadStopped.Reason.HOURLY_LIMIT, at)))
        .contains("<t:1800000000:R>");
    assertThat(LikesStats.stopped(EN, new ReadStopped(ReadStopped.Reason.QUOTA, at)))
        .contains("<t:1800000000:R>");
    assertThat(LikesStats.stopped(EN, new ReadStopped(ReadStopped.Reason.STOPPING, at)))
        .isEqualTo("The bot is restarting — try again in a moment.");
  }

  @Test
  void aReadStoppedByTheCrowdSaysWhenWithoutBlamingSpotifyInBothLanguages() {
    ReadStopped crowded =
        new ReadStopped(ReadStopped.Reason.CROWDED, Instant.ofEpochSecond(1_800_000_000L));

    assertThat(LikesStats.stopped(EN, crowded))
        .isEqualTo(
            "Many members are reading their whole library right now — try again"
                + " <t:1800000000:R>.")
        .doesNotContain("Spotify");
    assertThat(LikesStats.stopped(Texts.of(java.util.Locale.GERMAN), crowded))
        .isEqualTo(
            "Gerade lesen viele ihre ganze Bibliothek – versuch es <t:1800000000:R> wieder.");
  }

  @Test
  void aReadEndedByAChangedLinkSaysSoInBothLanguages() {
    ReadStopped changed = new ReadStopped(ReadStopped.Reason.LINK_CHANGED, Instant.EPOCH);

    assertThat(LikesStats.stopped(EN, changed))
        .isEqualTo(
            "Your Spotify link changed while your liked songs were being read — run the command"
                + " again.");
    assertThat(LikesStats.stopped(Texts.of(java.util.Locale.GERMAN), changed))
        .startsWith("Deine Spotify-Verknüpfung hat sich geändert");
  }

  @Test
  void aCommandRefusedBesideATooLargeReadIsToldTheLibraryIsBeingReadInItsLanguage() {
    ReadStopped busy = new ReadStopped(ReadStopped.Reason.BUSY, Instant.EPOCH);

    assertThat(LikesStats.stopped(EN, busy))
        .isEqualTo(
            "Your liked songs are already being read for another command — try again in a"
                + " moment, once it has answered.");
    assertThat(LikesStats.stopped(Texts.of(java.util.Locale.GERMAN), busy))
        .startsWith("Deine Lieblingssongs werden gerade schon für einen anderen Befehl gelesen");
  }

  @Test
  void aGermanMemberReadsGermanWithGermanNumbers() {
    Texts de = Texts.of(java.util.Locale.GERMAN);
    assertThat(LikesStats.progress(de, ReadProgress.of(4_200, 10_000)))
        .isEqualTo("Deine Lieblingssongs werden gelesen… ▰▰▰▰▱▱▱▱▱▱ 4.200 / 10.000");
  }

  /** The chart is part of the public card: a screen reader reads its alt text in German too. */
  @Test
  void aGermanMembersChartIsDescribedInGermanWithGermanNumbers() {
    List<dev.likesbot.library.LikedSong> songs = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      songs.add(
          new dev.likesbot.library.LikedSong(
              Instant.parse("2020-01-01T00:00:00Z"),
              "t",
              List.of("a"),
              "b",
              "1999",
              200_000,
              false,
              "",
              ""));
    }
    LibraryStats stats = LibraryStats.of(songs, Instant.parse("2026-06-01T00:00:00Z"));
    Texts de = Texts.of(java.util.Locale.GERMAN);

    String alt =
        LikesStats.reply(
                de,
                stats,
                new dev.likesbot.discord.Reply.Embed.Author("ada", Optional.empty()),
                false)
            .files()
            .get(0)
            .description();

    assertThat(alt)
        .startsWith("Balkendiagramme: ")
        .contains("1.500")
        .doesNotContain("Bar charts", " to ", "most in");
  }

  @Test
  void oneSongArtistAndAlbumAreSingularInEveryLanguage() {
    LibraryStats stats =
        LibraryStats.of(
            List.of(
                new dev.likesbot.library.LikedSong(
                    Instant.parse("2020-01-01T00:00:00Z"),
                    "t",
                    List.of("a"),
                    "b",
                    "1999",
                    200_000,
                    false,
                    "",
                    "")),
            Instant.parse("2026-06-01T00:00:00Z"));

    assertThat(LikesStats.totals(EN, stats))
        .contains("**1** song ·", "**1** artist ·", "**1** album\n");
    assertThat(LikesStats.totals(Texts.of(java.util.Locale.GERMAN), stats))
        .contains("**1** Song ·", "**1** Album\n");
  }

  @Test
  void playingTimeInDaysHoursOrMinutes() {
    assertThat(LikesStats.playingTime(EN, Duration.ofHours(50))).isEqualTo("2 d 2 h");
    assertThat(LikesStats.playingTime(EN, Duration.ofMinutes(75))).isEqualTo("1 h 15 min");
    assertThat(LikesStats.playingTime(EN, Duration.ofSeconds(30))).isEqualTo("0 min");
  }

  @Test
  void aRightToLeftNameKeepsItsPlaceAndCountOnTheirSide() {
    String line =
        LikesStats.ranking(EN, List.of(new LibraryStats.Count("فرقة الأطلس", "", 153)), false);

    // Isolated, an Arabic name cannot pull "1." and "153" into its own direction.
    assertThat(line).isEqualTo("1. \u2068فرقة الأطلس\u2069 · 153");
  }

  @Provide
  Arbitrary<String> names() {
    return OutsideText.upTo(300);
  }

  @Property
  void aRankingOfOutsideNamesFitsAnEmbedField(
      @ForAll @Size(max = 10) List<@From("names") String> names,
      @ForAll @Size(max = 10) List<@From("names") String> by) {
    List<LibraryStats.Count> counts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      counts.add(new LibraryStats.Count(names.get(i), i < by.size() ? by.get(i) : "", 1_000 - i));
    }

    String artists = LikesStats.ranking(EN, counts, false);
    String albums = LikesStats.ranking(EN, counts.subList(0, Math.min(5, counts.size())), true);

    assertThat(artists.length()).isLessThanOrEqualTo(1024);
    assertThat(albums.length()).isLessThanOrEqualTo(1024);
    assertThat(artists.isBlank()).isFalse();
  }

  /**
   * The bug: a line break (or another control character) in an artist's or album's name split its
   * entry of the ranking over two lines, the count on a line of its own.
   */
  @Property
  void everyRankedNameStaysOnItsOwnLineWithItsCount(
      @ForAll @Size(min = 1, max = 10) List<@From("names") String> names) {
    List<LibraryStats.Count> counts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      counts.add(new LibraryStats.Count("a\n" + names.get(i) + "\u2028b", "\r\nc", 1_000 - i));
    }

    List<String> lines = LikesStats.ranking(EN, counts, true).lines().toList();

    assertThat(lines).hasSize(counts.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith((i + 1) + ". ").endsWith(" · " + EN.number(1_000 - i));
      assertThat(lines.get(i)).doesNotContain("\u2028", "\u2029", "\r");
    }
  }
}
