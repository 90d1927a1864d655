package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.CommandSpec;
import dev.likesbot.discord.LinkCheck;
import dev.likesbot.discord.MemberLimiter;
import dev.likesbot.discord.Reply;
import dev.likesbot.discord.SlashCommand;
import dev.likesbot.discord.TestPipeline;
import dev.likesbot.fake.spotify.FakeAlbum;
import dev.likesbot.fake.spotify.FakeArtist;
import dev.likesbot.fake.spotify.FakeCatalog;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.fake.spotify.FakeTrack;
import dev.likesbot.fake.spotify.SavedTrack;
import dev.likesbot.metrics.Metrics;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.webapi.SpotifyWire;
import dev.likesbot.spotify.webapi.WebApiSpotify;
import dev.likesbot.testing.FakeTime;
import dev.likesbot.testing.InMemoryStore;
import dev.likesbot.testing.RecordingCall;
import dev.likesbot.text.Texts;
import dev.likesbot.tokens.MemberTokens;
import dev.likesbot.tokens.NotLinkedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /likes and the buttons it puts under its answers, through the pipeline, on the wire fake. */
class LikesCommandTest {
  @RegisterExtension static final SpotifyWire wire = new SpotifyWire();
  private final FakeTime time = new FakeTime();
  private final WebApiSpotify spotify = wire.connect(time);
  private final FakeSpotify fake = wire.fake();
  private final InMemoryStore store = new InMemoryStore();
  private final MemberTokens tokens = new MemberTokens(store, spotify, time, time, Metrics.NONE);
  private final LikesCommand command = new LikesCommand(service(), null, null);
  private final LinkCheck links = new LinkCheck(tokens::isLinked, NotLinkedException.class);

  private LikesService service() {
    return new LikesService(tokens, spotify, store, new Random(1), Duration.ofMinutes(1), time);
  }

  private void link(String user) {
    store.save(wire.link(user, "ada", Duration.ofHours(1), time));
    fake.clearRequests();
  }

  /** A song's length as the replies show it under an hour, "m:ss". */
  private static String minutesAndSeconds(FakeTrack track) {
    int seconds = track.durationMs() / 1000;
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  private void likes(int songs) {
    fake.setLikedSongs("ada", FakeCatalog.likedSongs(songs));
  }

  /** Each Liked Songs page the bot read, as "offset:limit". */
  private List<String> pages() {
    return fake.requests().stream()
        .filter(r -> r.path().equals("/v1/me/tracks"))
        .map(r -> r.query().get("offset") + ":" + r.query().get("limit"))
        .toList();
  }

  /** Through the pipeline every command takes, with its checks, on this thread. */
  private RecordingCall.Command run(RecordingCall.Command call, MemberLimiter limiter) {
    TestPipeline.of(List.of(command), links, Runnable::run, limiter, Metrics.NONE)
        .command("likes", "likes " + call.subcommand().orElse(""), untilReply -> call);
    return call;
  }

  private RecordingCall.Command run(RecordingCall.Command call) {
    return run(call, MemberLimiter.off());
  }

  private RecordingCall.Command run(String sub) {
    return run(RecordingCall.command("42", sub));
  }

  private RecordingCall.Command runPrivately(String sub) {
    RecordingCall.Command call = RecordingCall.command("42", sub);
    call.options.put("private", true);
    return run(call);
  }

  @Test
  void countAndRandomKeepTheirNamesAndGainAPrivateOptionBesideList() {
    CommandSpec spec = command.spec();

    assertThat(spec.name()).isEqualTo("likes");
    assertThat(spec.subcommands())
        .extracting(CommandSpec.Subcommand::name)
        .containsExactly("count", "random", "list", "stats", "export");
    assertThat(spec.subcommands())
        .filteredOn(s -> !s.name().equals("export")) // always private: it goes to the DMs
        .allSatisfy(
            s ->
                assertThat(s.options())
                    .contains(
                        new CommandSpec.Option(
                            "private",
                            "Only you see the answer",
                            CommandSpec.Option.Type.BOOLEAN,
                            false)));
  }

  @Test
  void exportOffersCsvOrJsonAsItsFormat() {
    CommandSpec.Subcommand export = command.spec().subcommands().get(4);

    assertThat(export.options())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.name()).isEqualTo("format");
              assertThat(o.type()).isEqualTo(CommandSpec.Option.Type.STRING);
              assertThat(o.required()).isFalse();
              assertThat(o.choices()).containsExactly("csv", "json");
            });
  }

  @Test
  void anUnlinkedMemberIsToldToLinkPrivatelyWithoutCallingSpotify() {
    RecordingCall.Command call = run("count");

    assertThat(call.onlyReply())
        .isEqualTo(Reply.privately("Link your Spotify account first with /link."));
    assertThat(pages()).isEmpty();
  }

  @Test
  void countPostsGroupedDigitsPublicly() {
    link("42");
    likes(1234);

    RecordingCall.Command call = run("count");

    assertThat(call.deferredAs).isEqualTo("reply");
    assertThat(call.onlyReply())
        .extracting(Reply::content, Reply::ephemeral)
        .containsExactly("You have 1,234 liked songs.", false);
  }

  @Test
  void privateMakesCountAndRandomEphemeralFromTheStart() {
    link("42");
    likes(3);

    RecordingCall.Command count = runPrivately("count");
    RecordingCall.Command random = runPrivately("random");

    assertThat(count.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(count.onlyReply())
        .extracting(Reply::content, Reply::ephemeral)
        .containsExactly("You have 3 liked songs.", true);
    assertThat(random.deferredAs).isEqualTo("reply,ephemeral");
    assertThat(random.onlyReply().ephemeral()).isTrue();
    assertThat(random.onlyReply().buttons())
        .contains(new Reply.ActionButton("Another", "likes:another:42:private"));
  }

  @Test
  void countSaysOneSongAndNoSongsInPlainWords() {
    link("42");
    likes(1);
    assertThat(run("count").onlyReply().content()).isEqualTo("You have 1 liked song.");

    likes(0);
    assertThat(run("count").onlyReply().content()).isEqualTo("You have no liked songs yet.");
  }

  @Test
  void randomPostsACardWithAlbumDurationLikedDateAndThreeButtons() {
    link("42");
    likes(1);
    FakeTrack track = FakeCatalog.song(1);
    String url = "https://open.spotify.com/track/" + track.id();

    Reply reply = run("random").onlyReply();

    assertThat(reply.ephemeral()).isFalse();
    Reply.Embed embed = reply.embed().orElseThrow();
    assertThat(embed.title()).isEqualTo("Song 1");
    assertThat(embed.description()).isEqualTo("by Artist 1");
    assertThat(embed.thumbnailUrl()).contains(track.album().images().get(0).url());
    assertThat(embed.url()).contains(url);
    int seconds = track.durationMs() / 1000;
    assertThat(embed.fields())
        .containsExactly(
            new Reply.Embed.Field("Album", "Album 1", true),
            new Reply.Embed.Field(
                "Duration", String.format("%d:%02d", seconds / 60, seconds % 60), true),
            new Reply.Embed.Field(
                "Liked", "<t:" + FakeCatalog.likedAt(1).getEpochSecond() + ":D>", true));
    assertThat(embed.footer()).contains("Pick 1 of 1 · no repeats until you've seen them all");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.LinkButton("Open in Spotify", url),
            new Reply.LinkButton(
                "Search on YouTube",
                "https://www.youtube.com/results?search_query=Artist+1+Song+1"),
            new Reply.ActionButton("Another", "likes:another:42"));
  }

  @Test
  void namesAreEscapedSoTheyShowAsTyped() {
    link("42");
    FakeArtist tilde = FakeArtist.of(FakeCatalog.spotifyId("artist:tilde"), "DJ ~Tilde~");
    FakeArtist pipe = FakeArtist.of(FakeCatalog.spotifyId("artist:pipe"), "A|B");
    FakeAlbum album =
        FakeAlbum.of(FakeCatalog.spotifyId("album:hits"), "**Greatest** `Hits`", tilde, "2001", 1);
    FakeTrack track =
        FakeTrack.of(FakeCatalog.spotifyId("track:bold"), "*Bold* _move_", tilde, album, 3_725_000);
    fake.setLikedSongs(
        "ada",
        List.of(
            SavedTrack.of(
                time.instant(),
                new FakeTrack(
                    track.id(),
                    track.name(),
                    List.of(tilde, pipe),
                    album,
                    track.durationMs(),
                    false,
                    50,
                    1,
                    1,
                    null,
                    true,
                    false))));

    Reply.Embed embed = run("random").onlyReply().embed().orElseThrow();

    assertThat(embed.title()).isEqualTo("\\*Bold\\* \\_move\\_");
    assertThat(embed.description()).isEqualTo("by DJ \\~Tilde\\~, A\\|B");
    assertThat(embed.fields())
        .containsExactly(
            new Reply.Embed.Field("Album", "\\*\\*Greatest\\*\\* \\`Hits\\`", true),
            new Reply.Embed.Field("Duration", "1:02:05", true),
            new Reply.Embed.Field("Liked", "<t:" + time.instant().getEpochSecond() + ":D>", true));
  }

  @Test
  void theYouTubeLinkSearchesArtistAndTitleUrlEncoded() {
    Track track =
        new Track(
            "Ça & co?",
            List.of("Artist"),
            "Album",
            Optional.empty(),
            Optional.empty(),
            Duration.ofMinutes(3),
            false,
            true);

    assertThat(LikesReplies.youtube(track))
        .isEqualTo("https://www.youtube.com/results?search_query=Artist+%C3%87a+%26+co%3F");
  }

  @Test
  void listShowsTenNumberedSongsWithPageButtonsForTheCaller() {
    link("42");
    likes(25);
    RecordingCall.Command call = RecordingCall.command("42", "list");
    call.options.put("page", 2L);

    run(call);

    Reply reply = call.onlyReply();
    assertThat(reply.ephemeral()).isFalse();
    Reply.Embed embed = reply.embed().orElseThrow();
    assertThat(embed.description().lines()).hasSize(10);
    assertThat(embed.description().lines().findFirst().orElseThrow())
        .startsWith(
            "11. [\u2068Song 11\u2069](https://open.spotify.com/track/" + FakeCatalog.song(11).id())
        .endsWith(" — \u2068Artist 4\u2069 · " + minutesAndSeconds(FakeCatalog.song(11)));
    assertThat(embed.footer()).contains("Page 2 of 3 · 25 songs, newest first");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.ActionButton("◀ Newer", "likes:prev:42:0", false),
            new Reply.ActionButton("Older ▶", "likes:next:42:2", false));
    assertThat(pages()).containsExactly("10:10");
  }

  @Test
  void aPageOfOneSongSaysSongNotSongs() {
    link("42");
    likes(1);

    Reply reply = run("list").onlyReply();

    assertThat(reply.embed().orElseThrow().footer()).hasValue("Page 1 of 1 · 1 song, newest first");
  }

  @Test
  void theFirstAndLastPagesDisableTheButtonThatLeadsNowhere() {
    link("42");
    likes(5);

    Reply reply = run("list").onlyReply();

    assertThat(reply.embed().orElseThrow().footer())
        .contains("Page 1 of 1 · 5 songs, newest first");
    assertThat(reply.buttons())
        .containsExactly(
            new Reply.ActionButton("◀ Newer", "likes:prev:42:0", true),
            new Reply.ActionButton("Older ▶", "likes:next:42:0", true));
  }

  @Test
  void aRevokedLinkAsksToLinkAgainPrivately() {
    fake.addUser("ada", "Ada", 3);
    store.save(wire.link("42", "ada", Duration.ZERO, time));
    fake.revoke("ada"); // the member removed the app at Spotify

    Reply reply = run("count").onlyReply();

    assertThat(reply)
        .isEqualTo(Reply.privately("Your Spotify link expired or was revoked — run /link again."));
    assertThat(store.links).isEmpty();
  }

  @Test
  void rateLimitingSaysWhenToTryAgain() {
    link("42");
    fake.failNextRateLimited(Duration.ofSeconds(7), 1, "/v1/me/tracks");

    assertThat(run("random").onlyReply())
        .as("the wait Spotify asked for, not a default")
        .isEqualTo(Reply.privately("Spotify is rate-limiting this bot — try again in 7 s."));
  }

  @Test
  void spotifyOutagesAreExplainedWithoutDetails() {
    link("42");
    fake.failNext(503, 2, "/v1/me/tracks");

    Reply trouble = Reply.privately("Spotify is having trouble — try again shortly.");
    assertThat(run("count").onlyReply()).isEqualTo(trouble);
    assertThat(run("list").onlyReply()).isEqualTo(trouble);
    assertThat(store.links).containsKey("42");
  }

  @Test
  void aSpotifyRejectionIsOurFailureInWordsWithTheDetailsKeptFromTheMember() {
    link("42");
    fake.failNext(400, 1, "/v1/me/tracks");

    Reply reply = run("count").onlyReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .matches(
            "Something went wrong talking to Spotify\\. Try again; if it keeps happening, tell"
                + " the bot's owner \\(error id [0-9A-Z]{8}\\)\\.");
  }

  @Test
  void everySubcommandCountsAgainstTheMemberLimitSinceEachCallsSpotify() {
    link("42");
    likes(3);
    MemberLimiter oneAMinute = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);

    RecordingCall.Command first = run(RecordingCall.command("42", "count"), oneAMinute);
    RecordingCall.Command second = run(RecordingCall.command("42", "list"), oneAMinute);

    assertThat(first.onlyReply())
        .extracting(Reply::content, Reply::ephemeral)
        .containsExactly("You have 3 liked songs.", false);
    assertThat(second.onlyReply())
        .isEqualTo(Reply.privately("You're going fast — try again in 60 s."));
    assertThat(pages()).hasSize(1);
  }

  /** The Another and page buttons under its answers. */
  @Nested
  class Buttons {
    @BeforeEach
    void aLinkedMemberWith25Songs() {
      link("42");
      likes(25);
    }

    /** Through the pipeline every click takes, with its checks, on this thread. */
    private RecordingCall.Click click(String user, String id, MemberLimiter limiter) {
      RecordingCall.Click call = RecordingCall.click(user, id);
      TestPipeline.of(
              List.of(command),
              new LinkCheck(tokens::isLinked, NotLinkedException.class),
              Runnable::run,
              limiter,
              Metrics.NONE)
          .click(id, untilReply -> call);
      return call;
    }

    private RecordingCall.Click click(String user, String id) {
      return click(user, id, MemberLimiter.off());
    }

    private static List<String> args(String id) {
      return List.of(id.substring("likes:".length()).split(":"));
    }

    @Test
    void anotherPostsANewPickForTheOwner() {
      RecordingCall.Click call = click("42", "likes:another:42");

      assertThat(call.deferredAs).isEqualTo("reply");
      assertThat(call.updates).isEmpty();
      assertThat(call.replies)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.ephemeral()).isFalse();
                assertThat(r.embed()).isPresent();
                assertThat(r.buttons())
                    .contains(new Reply.ActionButton("Another", "likes:another:42"));
              });
    }

    @Test
    void bothButtonsCountAgainstTheMemberLimitSinceEachCallsSpotify() {
      MemberLimiter oneAMinute = new MemberLimiter(1, Duration.ofMinutes(1), Duration.ZERO, time);

      RecordingCall.Click another = click("42", "likes:another:42", oneAMinute);
      RecordingCall.Click page = click("42", "likes:next:42:1", oneAMinute);

      assertThat(another.replies).singleElement().satisfies(r -> assertThat(r.embed()).isPresent());
      assertThat(page.updates).isEmpty();
      assertThat(page.replies)
          .containsExactly(Reply.privately("You're going fast — try again in 60 s."));
    }

    @Test
    void theOwnersClickIsDeferredOnArrivalBeforeAnyWork() {
      RecordingCall.Click another = RecordingCall.click("42", "likes:another:42:private");
      RecordingCall.Click page = RecordingCall.click("42", "likes:prev:42:0");

      assertThat(command.acknowledgeClick(another, args(another.buttonId())))
          .isEqualTo(SlashCommand.Ack.DEFERRED);
      assertThat(command.acknowledgeClick(page, args(page.buttonId())))
          .isEqualTo(SlashCommand.Ack.DEFERRED);

      assertThat(another.deferredAs).isEqualTo("reply,ephemeral");
      assertThat(page.deferredAs).isEqualTo("update,ephemeral");
      assertThat(another.replies).isEmpty();
      assertThat(pages()).isEmpty();
    }

    @Test
    void aClickBySomeoneElseIsAnsweredInTheAcknowledgementWithNothingQueued() {
      RecordingCall.Click call = RecordingCall.click("7", "likes:another:42");

      assertThat(command.acknowledgeClick(call, args(call.buttonId())))
          .isEqualTo(SlashCommand.Ack.ANSWERED);
      assertThat(call.deferredAs).isNull();
      assertThat(call.replies)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(LikesCommand.NOT_YOURS_RANDOM)));
    }

    @Test
    void aPrivateAnotherStaysPrivate() {
      RecordingCall.Click call = click("42", "likes:another:42:private");

      assertThat(call.deferredAs).isEqualTo("reply,ephemeral");
      assertThat(call.replies).singleElement().satisfies(r -> assertThat(r.ephemeral()).isTrue());
    }

    @Test
    void someoneElsePressingAnotherIsToldToRunTheCommandThemselves() {
      RecordingCall.Click call = click("7", "likes:another:42");

      assertThat(call.replies)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(LikesCommand.NOT_YOURS_RANDOM)));
      assertThat(call.deferredAs).isNull();
      assertThat(pages()).isEmpty();
    }

    @Test
    void pageButtonsReplaceTheListWithTheTargetPage() {
      RecordingCall.Click call = click("42", "likes:next:42:2");

      assertThat(call.deferredAs).isEqualTo("update,ephemeral");
      assertThat(call.replies).isEmpty();
      assertThat(call.updates)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.embed().orElseThrow().footer())
                      .contains("Page 3 of 3 · 25 songs, newest first"));
      assertThat(pages()).containsExactly("20:10");
    }

    @Test
    void someoneElseCannotTurnThePages() {
      RecordingCall.Click call = click("7", "likes:prev:42:0");

      assertThat(call.replies)
          .containsExactly(Reply.privately(Texts.ENGLISH.get(LikesCommand.NOT_YOURS_LIST)));
      assertThat(call.updates).isEmpty();
    }

    @Test
    void anOwnerWhoUnlinkedIsToldToLinkAgain() {
      store.links.clear();

      assertThat(click("42", "likes:another:42").replies)
          .containsExactly(Reply.privately("Link your Spotify account first with /link."));
    }

    @Test
    void spotifyTroubleIsAPrivateMessage() {
      fake.failNext(503, 1, "/v1/me/tracks");

      assertThat(click("42", "likes:next:42:1").replies)
          .containsExactly(Reply.privately("Spotify is having trouble — try again shortly."));
    }

    @Test
    void malformedIdsAreRefusedPolitely() {
      assertThat(click("42", "likes:dance:42").replies)
          .containsExactly(Reply.privately("This button no longer works."));
      assertThat(click("42", "likes:next:42").replies)
          .containsExactly(Reply.privately("This button no longer works."));
    }
  }
}
