package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.ReadListener;
import dev.likesbot.library.ReadProgress;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.library.StatsChart;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * /likes stats: reads the whole library through the {@link LibraryReader} (on its threads, not the
 * command workers'), shows the progress in the deferred reply and counts the songs into a {@link
 * LibraryStats.Tally} as the pages arrive (never the whole library at once), then answers with the
 * totals, the top artists and albums, and the chart (its titles and alt text too), in the member's
 * language (the keys below).
 */
public final class LikesStats {
  // Keys of the texts' bundle (messages.properties), all under likes.stats.
  static final String READING = "likes.stats.reading";
  static final String WAITING = "likes.stats.waiting";
  static final String TITLE = "likes.stats.title";
  static final String SONGS = "likes.stats.songs";
  static final String ARTISTS = "likes.stats.artists";
  static final String LIKES = "likes.stats.likes";
  static final String EXPLICIT = "likes.stats.explicit";
  static final String TOP_ARTISTS = "likes.stats.topArtists";
  static final String TOP_ALBUMS = "likes.stats.topAlbums";
  static final String NONE = "likes.stats.none";
  static final String EMPTY = "likes.stats.empty";
  static final String HOURLY_LIMIT = "likes.stats.hourlyLimit";
  static final String SPOTIFY_WAIT = "likes.stats.spotifyWait";
  static final String QUOTA = "likes.stats.quota";
  static final String BUSY = "likes.stats.busy";
  static final String CROWDED = "likes.stats.crowded";
  static final String LINK_CHANGED = "likes.stats.linkChanged";
  static final String RESTARTING = "pipeline.restarting";
  static final String DAYS = "likes.stats.days";
  static final String HOURS = "likes.stats.hours";
  static final String MINUTES = "likes.stats.minutes";
  static final String CHART_FILE = "liked-songs.png";
  static final int BAR_CELLS = 10;

  private final LibraryReader reader;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;

  /**
   * @param timer sends a progress edit that had to wait for its second
   */
  public LikesStats(LibraryReader reader, InstantSource clock, ScheduledExecutorService timer) {
    this.reader = reader;
    this.clock = clock;
    this.timer = timer;
  }

  /** Starts the read and returns at once; the answer follows when the read ends. */
  CompletionStage<?> answer(CommandCall call, Reply.Embed.Author whose, boolean ephemeral) {
    Texts texts = call.texts();
    ProgressEdits edits = new ProgressEdits(call::progress, clock, ProgressEdits.Later.on(timer));
    LibraryStats.Tally tally = new LibraryStats.Tally();
    ReadListener listener = new ShownProgress(texts, edits, ephemeral, clock).withSongs(tally::add);
    return reader
        .read(call.userId(), listener)
        .handle(
            (done, failure) -> {
              edits.close();
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ReadStopped stopped) {
                  // At a stop the notice replaces the progress where it is: an edit of the same
                  // message goes out behind the last progress edit before Discord disconnects.
                  boolean inPlace = stopped.reason() == ReadStopped.Reason.STOPPING && !ephemeral;
                  call.reply(
                      Reply.publicly(stopped(texts, stopped)).asEphemeral(!inPlace || ephemeral));
                  return null;
                }
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
              }
              if (tally.songs() == 0) {
                call.reply(Reply.privately(texts.get(EMPTY)));
                return null;
              }
              call.reply(reply(texts, tally.asOf(clock.instant()), whose, ephemeral));
              return null;
            });
  }

  /**
   * Feeds the edits, keeping Spotify's "wait" on screen until a second after the wait ended, so the
   * pages still arriving meanwhile cannot fold it away before an edit shows it.
   */
  static final class ShownProgress implements ReadListener {
    private final Texts texts;
    private final ProgressEdits edits;
    private final boolean ephemeral;
    private final InstantSource clock;
    private Optional<Duration> wait = Optional.empty();
    private Instant waitEnds = Instant.MIN;

    ShownProgress(Texts texts, ProgressEdits edits, boolean ephemeral, InstantSource clock) {
      this.texts = texts;
      this.edits = edits;
      this.ephemeral = ephemeral;
      this.clock = clock;
    }

    @Override
    public synchronized void progress(ReadProgress p) {
      Instant now = clock.instant();
      if (p.spotifyWait().isPresent()) {
        wait = p.spotifyWait();
        waitEnds = now.plus(wait.get()).plus(ProgressEdits.EVERY);
      } else if (now.isAfter(waitEnds)) {
        wait = Optional.empty();
      }
      ReadProgress shown = new ReadProgress(p.read(), p.total(), wait);
      edits.show(Reply.publicly(LikesStats.progress(texts, shown)).asEphemeral(ephemeral));
    }
  }

  static String progress(Texts texts, ReadProgress p) {
    int total = Math.max(p.total(), p.read());
    int filled = total == 0 ? 0 : (int) ((long) p.read() * BAR_CELLS / total);
    String line =
        texts.get(READING)
            + " "
            + "▰".repeat(filled)
            + "▱".repeat(BAR_CELLS - filled)
            + " "
            + texts.number(p.read())
            + " / "
            + (p.total() < 0 ? "…" : texts.number(total));
    return p.spotifyWait()
        .map(wait -> line + "\n" + texts.get(WAITING, texts.number(seconds(wait))))
        .orElse(line);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  static String stopped(Texts texts, ReadStopped stopped) {
    String when = "<t:" + stopped.tryAgainAt().getEpochSecond() + ":R>";
    return switch (stopped.reason()) {
      case HOURLY_LIMIT -> texts.get(HOURLY_LIMIT, when);
      case SPOTIFY_WAIT -> texts.get(SPOTIFY_WAIT, when);
      case QUOTA -> texts.get(QUOTA, when);
      case STOPPING -> texts.get(RESTARTING);
      case BUSY -> texts.get(BUSY);
      case CROWDED -> texts.get(CROWDED, when);
      case LINK_CHANGED -> texts.get(LINK_CHANGED);
    };
  }

  static Reply reply(Texts texts, LibraryStats stats, Reply.Embed.Author whose, boolean ephemeral) {
    Reply.Embed embed =
        new Reply.Embed(texts.get(TITLE), Optional.empty(), totals(texts, stats), Optional.empty())
            .withAuthor(whose)
            .withField(texts.get(TOP_ARTISTS), ranking(texts, stats.topArtists(), false), true)
            .withField(texts.get(TOP_ALBUMS), ranking(texts, stats.topAlbums(), true), true);
    return Reply.publicly("")
        .asEphemeral(ephemeral)
        .withEmbed(embed)
        .withFile(
            new Reply.Attachment(
                CHART_FILE, StatsChart.png(stats, texts), StatsChart.altText(stats, texts)));
  }

  static String totals(Texts texts, LibraryStats stats) {
    StringBuilder text = new StringBuilder();
    text.append(texts.get(SONGS, stats.songs(), playingTime(texts, stats.playingTime())))
        .append('\n')
        .append(texts.get(ARTISTS, stats.distinctArtists(), stats.distinctAlbums()))
        .append('\n');
    if (stats.firstLike().isPresent() && stats.latestLike().isPresent()) {
      text.append(texts.get(LIKES, date(stats.firstLike().get()), date(stats.latestLike().get())))
          .append('\n');
    }
    text.append(texts.get(EXPLICIT, texts.number(Math.round(stats.explicitShare() * 100))));
    return text.toString();
  }

  /**
   * Ten lines at most, each name on one line and cut so the field stays within Discord's 1024
   * characters.
   */
  static String ranking(Texts texts, List<LibraryStats.Count> counts, boolean albums) {
    if (counts.isEmpty()) {
      return texts.get(NONE);
    }
    StringBuilder text = new StringBuilder();
    int place = 1;
    for (LibraryStats.Count c : counts) {
      String name = Markdown.inLine(MessageLimits.shorten(LikesReplies.oneLine(c.name()), 40));
      if (albums && !c.by().isEmpty()) {
        name += " — " + Markdown.inLine(MessageLimits.shorten(LikesReplies.oneLine(c.by()), 25));
      }
      text.append(place++)
          .append(". ")
          .append(name)
          .append(" · ")
          .append(texts.number(c.count()))
          .append('\n');
    }
    return text.toString().strip();
  }

  private static String date(Instant at) {
    return "<t:" + at.getEpochSecond() + ":D>";
  }

  static String playingTime(Texts texts, Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return texts.get(DAYS, texts.number(days), texts.number(hours));
    }
    return hours > 0
        ? texts.get(HOURS, texts.number(hours), texts.number(minutes))
        : texts.get(MINUTES, texts.number(minutes));
  }
}
