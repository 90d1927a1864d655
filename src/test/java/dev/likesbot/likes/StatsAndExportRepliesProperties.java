package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.discord.DiscordJson;
import dev.likesbot.discord.Reply;
import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.LikedSong;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * /likes stats and /likes export answers, built from any Spotify metadata and any member's name, in
 * every language, pass the one validator of Discord's limits (the fake's rules).
 */
class StatsAndExportRepliesProperties {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Property(tries = 40) // each try renders the chart
  void everyStatsAnswerFitsDiscordsLimits(
      @ForAll("libraries") List<LikedSong> songs,
      @ForAll("authors") Reply.Embed.Author whose,
      @ForAll("languages") Locale language,
      @ForAll boolean ephemeral) {
    Reply reply =
        LikesStats.reply(Texts.of(language), LibraryStats.of(songs, NOW), whose, ephemeral);

    JsonNode sent = DiscordJson.create(reply);
    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.edit(reply))).isEmpty();
    assertThat(sent.path("embeds").path(0).path("fields")).hasSize(2);
  }

  @Property(tries = 200)
  void everyExportAnswerFitsDiscordsLimits(
      @ForAll @IntRange(min = 1) int songs,
      @ForAll ReadStopped.Reason reason,
      @ForAll @IntRange(min = 0) int tryAgainIn,
      @ForAll("languages") Locale language) {
    Texts texts = Texts.of(language);
    List<Reply> answers =
        List.of(
            Reply.privately(texts.get(LikesExport.DM, songs)),
            Reply.privately(texts.get(LikesExport.HERE, songs)),
            Reply.publicly(texts.get(LikesExport.SENT, songs))
                .withFile(
                    new Reply.Attachment(
                        LikesExport.FILE + ".csv", new byte[1], texts.get(LikesExport.ALT, songs))),
            Reply.privately(
                LikesStats.stopped(texts, new ReadStopped(reason, NOW.plusSeconds(tryAgainIn)))));

    for (Reply answer : answers) {
      assertThat(MessageRules.problems(DiscordJson.create(answer))).isEmpty();
    }
  }

  @Provide
  Arbitrary<List<LikedSong>> libraries() {
    Arbitrary<String> name = OutsideText.upTo(1000);
    Arbitrary<Instant> added =
        Arbitraries.longs()
            .between(0, NOW.getEpochSecond())
            .map(Instant::ofEpochSecond)
            .injectNull(0.05);
    Arbitrary<LikedSong> song =
        Combinators.combine(
                added,
                name,
                name.list().ofMaxSize(50),
                name,
                Arbitraries.of("", "1987-05-01", "0000", "abcd", "2026"),
                Arbitraries.integers().between(0, 36_000_000),
                Arbitraries.of(true, false))
            .as(
                (a, t, artists, album, r, ms, x) ->
                    new LikedSong(a, t, artists, album, r, ms, x, "", ""));
    return song.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Reply.Embed.Author> authors() {
    return anyAuthor();
  }

  /** A member's name as Discord shows it, and their picture when there is one. */
  static Arbitrary<Reply.Embed.Author> anyAuthor() {
    return Combinators.combine(
            OutsideText.upTo(300),
            Arbitraries.strings()
                .alpha()
                .ofMaxLength(3000)
                .map(s -> "https://cdn.discordapp.com/avatars/" + s)
                .optional(0.7))
        .as(Reply.Embed.Author::new);
  }

  @Provide
  Arbitrary<Locale> languages() {
    return Arbitraries.of(Locale.ENGLISH, Locale.GERMAN);
  }
}
