package dev.likesbot.likes;

import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** How /likes answers look, for the command and its buttons. */
final class LikesReplies {
  static final String NO_LIKES = "You have no liked songs yet.";
  static final String NOTHING_TO_SHOW =
      "I couldn't find a song I can show (local files can't be shared) — try again.";
  static final String YOUTUBE_SEARCH = "https://www.youtube.com/results?search_query=";

  /** Shown for a name Spotify left empty; Discord refuses empty titles. */
  static final String UNTITLED = "Untitled";

  static final String UNKNOWN_ARTIST = "Unknown artist";

  /** The list is newest first, so the previous page holds newer songs. */
  static final String NEWER = "◀ Newer";

  static final String OLDER = "Older ▶";

  /** A name in a /likes list line is shortened to this, so ten lines fit one description. */
  private static final int LINE_NAME = 60;

  /**
   * A URL that can stand inside a markdown link: no spaces or parentheses, and short enough that
   * ten of the longest lines still fit one description (a Spotify track URL has 53 characters).
   */
  private static final Pattern MARKDOWN_LINK = Pattern.compile("https?://[^\\s()]{1,92}");

  private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

  private LikesReplies() {}

  /**
   * The sentence, with a card that only says whose it is: "You" in a channel means whoever asked.
   */
  static Reply count(int total, Reply.Embed.Author whose, boolean ephemeral) {
    return Reply.publicly(
            switch (total) {
              case 0 -> NO_LIKES;
              case 1 -> "You have 1 liked song.";
              default -> String.format(Locale.US, "You have %,d liked songs.", total);
            })
        .withEmbed(new Reply.Embed("", Optional.empty(), "", Optional.empty()).withAuthor(whose))
        .asEphemeral(ephemeral);
  }

  /**
   * The picked song as a card headed by {@code whose} liked it, with its buttons; "Another" works
   * only for {@code owner}.
   */
  static Reply pick(
      LikesService.Pick pick, String owner, Reply.Embed.Author whose, boolean ephemeral) {
    if (pick.song().isEmpty()) {
      return Reply.privately(pick.total() == 0 ? NO_LIKES : NOTHING_TO_SHOW);
    }
    SavedTrack saved = pick.song().get();
    Track track = saved.track().orElseThrow();
    Reply.Embed embed =
        new Reply.Embed(
                Markdown.escape(name(track)),
                track.url(),
                "by " + Markdown.escape(artists(track)),
                track.imageUrl())
            .withAuthor(whose);
    if (!MessageLimits.isBlank(track.album())) {
      embed = embed.withField("Album", Markdown.escape(track.album()), true);
    }
    if (!track.duration().isZero()) {
      embed = embed.withField("Duration", duration(track.duration()), true);
    }
    if (saved.addedAt().isPresent()) {
      // Discord shows a timestamp in each reader's own time zone and language.
      embed =
          embed.withField("Liked", "<t:" + saved.addedAt().get().getEpochSecond() + ":D>", true);
    }
    embed =
        embed.withFooter(
            String.format(
                Locale.US,
                "Pick %,d of %,d · no repeats until you've seen them all",
                pick.round(),
                pick.total()));
    Reply reply = Reply.publicly("").withEmbed(embed).asEphemeral(ephemeral);
    if (track.url().isPresent()) {
      reply = reply.withButton(new Reply.LinkButton("Open in Spotify", track.url().get()));
    }
    return reply
        .withButton(new Reply.LinkButton("Search on YouTube", youtube(track)))
        .withButton(new Reply.ActionButton("Another", LikesCommand.anotherId(owner, ephemeral)));
  }

  /**
   * A page of the list, newest first, headed by {@code whose} list it is, with page buttons for
   * {@code owner} whose labels say the direction in words (a screen reader reads "◀" as nothing
   * useful).
   */
  static Reply page(
      LikesService.Page page, String owner, Reply.Embed.Author whose, boolean ephemeral) {
    StringBuilder lines = new StringBuilder();
    int number = page.number() * LikesService.PAGE_SIZE;
    for (SavedTrack saved : page.songs()) {
      number++;
      lines.append(number).append(". ").append(line(saved)).append('\n');
    }
    Reply.Embed embed =
        new Reply.Embed(
                "Liked Songs",
                Optional.empty(),
                page.songs().isEmpty() ? NO_LIKES : lines.toString().strip(),
                Optional.empty())
            .withFooter(
                String.format(
                    Locale.US,
                    "Page %d of %d · %,d songs, newest first",
                    page.number() + 1,
                    page.pages(),
                    page.total()))
            .withAuthor(whose);
    int last = page.pages() - 1;
    return Reply.publicly("")
        .withEmbed(embed)
        .asEphemeral(ephemeral)
        .withButton(
            new Reply.ActionButton(
                NEWER,
                LikesCommand.pageId(LikesCommand.PREVIOUS, owner, Math.max(0, page.number() - 1)),
                page.number() == 0))
        .withButton(
            new Reply.ActionButton(
                OLDER,
                LikesCommand.pageId(LikesCommand.NEXT, owner, Math.min(last, page.number() + 1)),
                page.number() >= last));
  }

  private static String line(SavedTrack saved) {
    if (saved.track().isEmpty()) {
      return "*no longer on Spotify*";
    }
    Track track = saved.track().get();
    String name = Markdown.escape(MessageLimits.shorten(oneLine(name(track)), LINE_NAME));
    Optional<String> title =
        track
            .url()
            .filter(u -> track.showable() && MARKDOWN_LINK.matcher(u).matches())
            .map(u -> "[" + name + "](" + u + ")");
    return title.orElse(name)
        + " — "
        + Markdown.escape(MessageLimits.shorten(oneLine(artists(track)), LINE_NAME))
        + (track.duration().isZero() ? "" : " · " + duration(track.duration()))
        + (track.local() ? " · local file" : "");
  }

  /** A YouTube search for the artists and the title, cut to fit a link button. */
  static String youtube(Track track) {
    String query = String.join(" ", track.artists()) + " " + track.name();
    return MessageLimits.searchUrl(YOUTUBE_SEARCH, query.strip());
  }

  /** A line break inside a name would split one song of the list into two lines. */
  private static String oneLine(String text) {
    return LINE_BREAKS.matcher(text).replaceAll(" ");
  }

  private static String name(Track track) {
    return MessageLimits.isBlank(track.name()) ? UNTITLED : track.name();
  }

  private static String artists(Track track) {
    List<String> named = track.artists().stream().filter(a -> !MessageLimits.isBlank(a)).toList();
    return named.isEmpty() ? UNKNOWN_ARTIST : String.join(", ", named);
  }

  static String duration(Duration d) {
    long seconds = d.toSeconds();
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
