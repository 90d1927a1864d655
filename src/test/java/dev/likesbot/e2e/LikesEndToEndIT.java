package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeAlbum;
import dev.likesbot.fake.spotify.FakeArtist;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.FakeTrack;
import dev.likesbot.fake.spotify.SavedTrack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /likes on a server, end to end: the real bot against the fake Discord (in guild mode, so others
 * see and can press the buttons) and the fake Spotify.
 */
class LikesEndToEndIT {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final long GUILD = 400000000000000044L;

  @TempDir Path dir;
  private BotHarness bot;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;
  private FakeUser bob;

  @BeforeEach
  void start() {
    bot = new BotHarness(dir, GUILD).start();
    discord = bot.discord;
    spotify = bot.spotify;
    ada = discord.user(310000000000000001L, "ada");
    bob = discord.user(320000000000000002L, "bob");
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private Reply run(FakeUser user, String sub, Map<String, Object> options) {
    return discord
        .slashCommandInGuild(user, GUILD, discord.guildChannelId(), "likes", sub, options)
        .awaitReply(TIMEOUT);
  }

  private Reply run(FakeUser user, String sub) {
    return run(user, sub, Map.of());
  }

  private Reply click(FakeUser user, Reply on, String customId) {
    return discord.button(user, on.raw(), customId).awaitReply(TIMEOUT);
  }

  private void link(FakeUser user, String spotifyId) throws Exception {
    discord
        .slashCommandInGuild(user, GUILD, discord.guildChannelId(), "link", null, Map.of())
        .awaitReply(TIMEOUT);
    bot.completeLink(user, BotHarness.loginFromDm(discord, spotify, user, spotifyId));
  }

  private static String title(Reply reply) {
    assertThat(reply.embeds()).as("a song card in %s", reply).isNotEmpty();
    return reply.embeds().get(0).path("title").asText();
  }

  private static JsonNode button(Reply reply, String label) {
    return reply.buttons().stream()
        .filter(b -> b.path("label").asText().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button " + label + " in " + reply));
  }

  private static String id(Reply reply, String label) {
    return button(reply, label).path("custom_id").asText();
  }

  @Test
  void randomPostsACardWithAlbumDurationLikedDateAndThreeButtons() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 1);
    link(ada, "ada-spotify");
    spotify.clearRequests();

    Reply reply = run(ada, "random");

    assertThat(reply.ephemeral()).isFalse();
    JsonNode embed = reply.embeds().get(0);
    FakeTrack song = FakeCatalog.song(1);
    assertThat(embed.path("title").asText()).isEqualTo("Song 1");
    assertThat(embed.path("description").asText()).isEqualTo("by Artist 1");
    assertThat(embed.path("url").asText()).isEqualTo("https://open.spotify.com/track/" + song.id());
    assertThat(embed.path("thumbnail").path("url").asText())
        .isEqualTo(song.album().images().get(0).url());
    Map<String, String> fields = new HashMap<>();
    embed
        .path("fields")
        .forEach(f -> fields.put(f.path("name").asText(), f.path("value").asText()));
    int seconds = song.durationMs() / 1000;
    assertThat(fields)
        .containsExactly(
            Map.entry("Album", "Album 1"),
            Map.entry("Duration", String.format("%d:%02d", seconds / 60, seconds % 60)),
            Map.entry("Liked", "<t:" + FakeCatalog.likedAt(1).getEpochSecond() + ":D>"));
    assertThat(embed.path("footer").path("text").asText()).startsWith("Pick 1 of 1");
    assertThat(button(reply, "Open in Spotify").path("url").asText())
        .isEqualTo(embed.path("url").asText());
    assertThat(button(reply, "Search on YouTube").path("url").asText())
        .isEqualTo("https://www.youtube.com/results?search_query=Artist+1+Song+1");
    assertThat(id(reply, "Another")).isEqualTo("likes:another:" + ada.id());
    assertThat(spotify.count("GET", "/v1/me/tracks")).isEqualTo(2);
  }

  @Test
  void anotherPostsANewPickAndNoSongRepeatsUntilAllWereShown() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 8);
    link(ada, "ada-spotify");

    Reply reply = run(ada, "random");
    List<String> titles = new ArrayList<>(List.of(title(reply)));
    for (int i = 1; i < 8; i++) {
      reply = click(ada, reply, id(reply, "Another"));
      assertThat(reply.ephemeral()).isFalse();
      titles.add(title(reply));
    }
    String ninth = title(click(ada, reply, id(reply, "Another")));

    assertThat(titles)
        .containsExactlyInAnyOrder(
            "Song 1", "Song 2", "Song 3", "Song 4", "Song 5", "Song 6", "Song 7", "Song 8");
    assertThat(titles).contains(ninth);
  }

  @Test
  void someoneElsePressingAnotherIsToldPrivatelyToRunTheCommand() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 5);
    link(ada, "ada-spotify");
    Reply reply = run(ada, "random");
    spotify.clearRequests();

    Reply answer = click(bob, reply, id(reply, "Another"));

    assertThat(answer.ephemeral()).isTrue();
    assertThat(answer.content()).contains("run /likes random yourself");
    assertThat(spotify.requests()).isEmpty();
  }

  @Test
  void buttonsAndTheShuffleSurviveARestart() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 15);
    link(ada, "ada-spotify");
    List<String> titles = new ArrayList<>();
    Reply reply = run(ada, "random");
    titles.add(title(reply));
    reply = click(ada, reply, id(reply, "Another"));
    titles.add(title(reply));
    Reply list = run(ada, "list");

    bot.restart();
    discord.awaitCommandUpdates(2, TIMEOUT);

    for (int i = 0; i < 4; i++) {
      reply = click(ada, reply, id(reply, "Another"));
      titles.add(title(reply));
    }
    assertThat(titles).doesNotHaveDuplicates().hasSize(6);
    assertThat(click(bob, reply, id(reply, "Another")).content())
        .contains("run /likes random yourself");
    assertThat(click(ada, list, id(list, "Older ▶")).embeds()).isNotEmpty();
  }

  @Test
  void skipsLocalFilesRemovedAndUnplayableTracks() throws Exception {
    Instant liked = Instant.parse("2025-01-01T00:00:00Z");
    List<SavedTrack> library =
        List.of(
            SavedTrack.of(liked, FakeTrack.local("home demo", "Me", "Tapes", 90_000)),
            SavedTrack.unavailable(liked),
            SavedTrack.of(liked, FakeCatalog.song(2).withPlayable(false)),
            SavedTrack.of(liked, FakeCatalog.song(1)),
            SavedTrack.of(liked, FakeCatalog.song(3)),
            SavedTrack.of(liked, FakeCatalog.song(4)));
    spotify.addUser("ada-spotify", "Ada", library);
    link(ada, "ada-spotify");

    List<String> titles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      titles.add(title(run(ada, "random")));
    }

    // Each pick skips at most the three unshowable entries, well within the bounded retries.
    assertThat(titles).containsExactlyInAnyOrder("Song 1", "Song 3", "Song 4");
  }

  @Test
  void listPagesTenSongsNewestFirstWithOneRequestPerPage() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 25);
    link(ada, "ada-spotify");
    spotify.clearRequests();

    Reply first = run(ada, "list");

    JsonNode embed = first.embeds().get(0);
    assertThat(first.ephemeral()).isFalse();
    assertThat(embed.path("description").asText().lines())
        .hasSize(10)
        .first()
        .asString()
        .startsWith("1. [\u2068Song 1\u2069](https://open.spotify.com/track/");
    assertThat(embed.path("footer").path("text").asText()).startsWith("Page 1 of 3");
    assertThat(button(first, "◀ Newer").path("disabled").asBoolean()).isTrue();
    assertThat(spotify.requests())
        .singleElement()
        .satisfies(
            r -> assertThat(r.query()).containsEntry("limit", "10").containsEntry("offset", "0"));

    spotify.clearRequests();
    Reply second = click(ada, first, id(first, "Older ▶"));
    assertThat(second.embeds().get(0).path("description").asText().lines().findFirst())
        .hasValueSatisfying(l -> assertThat(l).startsWith("11. [\u2068Song 11\u2069]"));
    assertThat(second.embeds().get(0).path("footer").path("text").asText())
        .startsWith("Page 2 of 3");
    assertThat(spotify.requests())
        .singleElement()
        .satisfies(
            r -> assertThat(r.query()).containsEntry("limit", "10").containsEntry("offset", "10"));

    Reply third = click(ada, second, id(second, "Older ▶"));
    assertThat(third.embeds().get(0).path("footer").path("text").asText())
        .startsWith("Page 3 of 3");
    assertThat(button(third, "Older ▶").path("disabled").asBoolean()).isTrue();

    Reply notBobs = click(bob, third, id(third, "◀ Newer"));
    assertThat(notBobs.ephemeral()).isTrue();
    assertThat(notBobs.content()).contains("run /likes list yourself");

    Reply back = click(ada, third, id(third, "◀ Newer"));
    assertThat(back.embeds().get(0).path("footer").path("text").asText()).startsWith("Page 2 of 3");
  }

  @Test
  void listStartsAtTheAskedPage() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 25);
    link(ada, "ada-spotify");

    Reply reply = run(ada, "list", Map.of("page", 3));

    assertThat(reply.embeds().get(0).path("footer").path("text").asText())
        .startsWith("Page 3 of 3");
    assertThat(reply.embeds().get(0).path("description").asText().lines()).hasSize(5);
  }

  @Test
  void privateAnswersAreEphemeralAndTheirAnotherStaysPrivate() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 5);
    link(ada, "ada-spotify");

    Reply count = run(ada, "count", Map.of("private", true));
    Reply random = run(ada, "random", Map.of("private", true));
    Reply another = click(ada, random, id(random, "Another"));

    assertThat(count.ephemeral()).isTrue();
    assertThat(count.content()).isEqualTo("You have 5 liked songs.");
    assertThat(random.ephemeral()).isTrue();
    assertThat(id(random, "Another")).isEqualTo("likes:another:" + ada.id() + ":private");
    assertThat(another.ephemeral()).isTrue();
    assertThat(title(another)).isNotEqualTo(title(random));
  }

  @Test
  void errorsAreEphemeralEvenForAPublicCommand() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 5);
    link(ada, "ada-spotify");
    // A 403 (member not on the app's allowlist) is not retried, unlike a 5xx.
    spotify.failNext(403, 1, "/v1/me/tracks");

    Reply reply = run(ada, "random");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).startsWith("Spotify refused access to your account:");
  }

  /** 60 CJK characters: 540 characters once URL-encoded, past a button URL's 512. */
  static final String CJK_TITLE = "夜明け前の静かな街を歩きながら君のことを思い出していた".repeat(3).substring(0, 60);

  /** 90 families (four people joined by ZWJ, 11 UTF-16 units) and two singers: 1,000 units. */
  static final String ZWJ_ARTIST = "👩\u200d👩\u200d👧\u200d👦".repeat(90) + "🧑\u200d🎤".repeat(2);

  private static FakeTrack track(int n, String name, String artistName) {
    FakeArtist artist = FakeArtist.of(FakeCatalog.spotifyId("long-artist:" + n), artistName);
    FakeAlbum album =
        FakeAlbum.of(FakeCatalog.spotifyId("long-album:" + n), "Album " + n, artist, "2020", 1);
    return FakeTrack.of(FakeCatalog.spotifyId("long-track:" + n), name, artist, album, 200_000);
  }

  @Test
  void randomAndAnotherShowACardForALongCjkTitleAndAnEmojiArtistName() throws Exception {
    Instant liked = Instant.parse("2025-01-01T00:00:00Z");
    spotify.addUser(
        "ada-spotify",
        "Ada",
        List.of(
            SavedTrack.of(liked, track(1, CJK_TITLE, "宇多田ヒカル")),
            SavedTrack.of(liked, track(2, "Family", ZWJ_ARTIST))));
    link(ada, "ada-spotify");

    Reply first = run(ada, "random");
    Reply second = click(ada, first, id(first, "Another"));

    assertThat(List.of(title(first), title(second))).containsExactlyInAnyOrder(CJK_TITLE, "Family");
    for (Reply card : List.of(first, second)) {
      String youtube = button(card, "Search on YouTube").path("url").asText();
      assertThat(youtube)
          .startsWith("https://www.youtube.com/results?search_query=")
          .hasSizeLessThanOrEqualTo(512);
      assertThat(id(card, "Another")).isEqualTo("likes:another:" + ada.id());
    }
    JsonNode family = (title(first).equals("Family") ? first : second).embeds().get(0);
    assertThat(family.path("description").asText()).isEqualTo("by " + ZWJ_ARTIST);
  }

  @Test
  void aReplyDiscordRejectsEndsInTheGenericErrorReply() throws Exception {
    spotify.addUser("ada-spotify", "Ada", 3);
    link(ada, "ada-spotify");
    // The card replaces the "thinking…" placeholder with a PATCH; Discord refuses this one.
    discord.failNextRest("PATCH", "webhooks/", 400, 1);

    FakeInteraction random =
        discord.slashCommandInGuild(
            ada, GUILD, discord.guildChannelId(), "likes", "random", Map.of());
    Reply reply = random.awaitReply(TIMEOUT);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content()).startsWith("Something went wrong on our side.");
    assertThat(reply.embeds()).isEmpty();
  }
}
