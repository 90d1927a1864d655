package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.discord.DiscordJson;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.Reply;
import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** /likes cards and list pages built from any Spotify metadata stay within Discord's limits. */
class LikesRepliesProperties {
  private static final String OWNER = "310000000000000001";

  @Property(tries = 200)
  void everyRandomCardFitsDiscordsLimitsAndKeepsItsButtons(
      @ForAll("tracks") Track track,
      @ForAll("authors") Reply.Embed.Author whose,
      @ForAll boolean ephemeral) {
    SavedTrack saved = new SavedTrack(Optional.of(track), Optional.of(Instant.EPOCH));
    Reply card =
        LikesReplies.pick(
            Texts.ENGLISH,
            new LikesService.Pick(5, Optional.of(saved), 1),
            OWNER,
            whose,
            ephemeral);

    JsonNode sent = DiscordJson.edit(card);
    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.create(card))).isEmpty();
    String title = sent.path("embeds").path(0).path("title").asText();
    String escaped = Markdown.escape(track.name());
    assertThat(title).isNotBlank();
    if (!title.equals(escaped) && !title.equals(Texts.ENGLISH.get(LikesReplies.UNTITLED))) {
      assertThat(title).endsWith("…");
      assertThat(escaped).startsWith(title.substring(0, title.length() - 1));
    }
    List<String> labels = sent.findValuesAsText("label");
    assertThat(labels).contains("Search on YouTube", "Another");
  }

  @Property(tries = 200)
  void everyListPageFitsDiscordsLimits(
      @ForAll("pages") List<Optional<Track>> songs,
      @ForAll @IntRange(min = 0, max = 100_000) int page,
      @ForAll("authors") Reply.Embed.Author whose,
      @ForAll boolean ephemeral) {
    List<SavedTrack> saved =
        songs.stream().map(t -> new SavedTrack(t, Optional.<Instant>empty())).toList();
    int total = page * LikesService.PAGE_SIZE + saved.size();
    Reply reply =
        LikesReplies.page(
            Texts.ENGLISH, new LikesService.Page(total, page, saved), OWNER, whose, ephemeral);

    JsonNode sent = DiscordJson.create(reply);
    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(MessageRules.problems(DiscordJson.edit(reply))).isEmpty();
    // Each song keeps its own line: names are shortened before a line could be lost.
    assertThat(sent.path("embeds").path(0).path("description").asText().lines())
        .hasSize(Math.max(1, saved.size()));
  }

  @Example
  void aPageOfTheLongestLinesKeepsEverySong() {
    String markdown = "*".repeat(100);
    String url = "https://open.spotify.com/track/" + "x".repeat(169); // 200 characters
    Track track =
        new Track(
            markdown,
            List.of(markdown),
            "",
            Optional.empty(),
            Optional.of(url),
            Duration.ofHours(10),
            false,
            true);
    List<SavedTrack> saved =
        Collections.nCopies(
            LikesService.PAGE_SIZE, new SavedTrack(Optional.of(track), Optional.empty()));
    Reply reply =
        LikesReplies.page(
            Texts.ENGLISH,
            new LikesService.Page(1_000_010, 100_000, saved),
            OWNER,
            new Reply.Embed.Author("ada", Optional.empty()),
            false);

    JsonNode sent = DiscordJson.create(reply);
    assertThat(MessageRules.problems(sent)).isEmpty();
    assertThat(sent.path("embeds").path(0).path("description").asText().lines())
        .hasSize(LikesService.PAGE_SIZE);
  }

  @Provide
  Arbitrary<Track> tracks() {
    Arbitrary<String> name = OutsideText.upTo(1000);
    Arbitrary<Optional<String>> url =
        Arbitraries.oneOf(
                Arbitraries.strings()
                    .alpha()
                    .ofLength(22)
                    .map(id -> "https://open.spotify.com/track/" + id),
                OutsideText.upTo(300))
            .optional(0.8);
    return Combinators.combine(
            name,
            name.list().ofMaxSize(50),
            name,
            url,
            url,
            Arbitraries.longs().between(0, 36_000_000).map(Duration::ofMillis),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(Track::new);
  }

  @Provide
  Arbitrary<Reply.Embed.Author> authors() {
    return StatsAndExportRepliesProperties.anyAuthor();
  }

  @Provide
  Arbitrary<List<Optional<Track>>> pages() {
    return tracks().optional(0.9).list().ofMaxSize(LikesService.PAGE_SIZE);
  }
}
