package dev.likesbot.likes;

import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.Reply;
import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.Track;
import dev.likesbot.text.Texts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How /likes answers look, for the command and its buttons, in the language of the member who asked
 * ({@link Texts}), public cards too. The constants are the texts' keys.
 */
final class LikesReplies {
  static final String NO_LIKES = "likes.none";
  static final String NOTHING_TO_SHOW = "likes.nothingToShow";
  static final String YOUTUBE_SEARCH = "https://www.youtube.com/results?search_query=";

  /** Shown for a name Spotify left empty; Discord refuses empty titles. */
  static final String UNTITLED = "likes.untitled";

  static final String UNKNOWN_ARTIST = "likes.unknownArtist";

  /** The list is newest first, so the previous page holds newer songs. */
  static final String NEWER = "likes.page.newer";

  static final String OLDER = "likes.page.older";

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
  static Reply count(Texts texts, int total, Reply.Embed.Author whose, boolean ephemeral) {
    return Reply.publicly(total == 0 ? texts.get(NO_LIKES) : texts.get("likes.total", total))
        .withEmbed(new Reply.Embed("", Optional.empty(), "", Optional.empty()).withAuthor(whose))
        .asEphemeral(ephemeral);
  }

  /**
   * The picked song as a card headed by {@code whose} liked it, with its buttons; "Another" works
   * only for {@code owner}.
   */
  static Reply pick(
      Texts texts,
      LikesService.Pick pick,
      String owner,
      Reply.Embed.Author whose,
      boolean ephemeral) {
    if (pick.song().isEmpty()) {
      return Reply.privately(texts.get(pick.total() == 0 ? NO_LIKES : NOTHING_TO_SHOW));
    }
    SavedTrack saved = pick.song().get();
    Track track = saved.track().orElseThrow();
    Reply.Embed embed =
        new Reply.Embed(
                Markdown.escape(name(texts, track)),
                track.url(),
                texts.get("likes.by", Markdown.escape(artists(texts, track))),
                track.imageUrl())
            .withAuthor(whose);
    if (!MessageLimits.isBlank(track.album())) {
      embed = embed.withField(texts.get("likes.album"), Markdown.escape(track.album()), true);
    }
    if (!track.duration().isZero()) {
      embed = embed.withField(texts.get("likes.duration"), duration(track.duration()), true);
    }
    if (saved.addedAt().isPresent()) {
      // Discord shows a timestamp in each reader's own time zone and language.
      embed =
          embed.withField(
              texts.get("likes.liked"),
              "<t:" + saved.addedAt().get().getEpochSecond() + ":D>",
              true);
    }
    embed = embed.withFooter(texts.get("likes.pick.footer", pick.round(), pick.total()));
    Reply reply = Reply.publicly("").withEmbed(embed).asEphemeral(ephemeral);
    if (track.url().isPresent()) {
      reply =
          reply.withButton(
              new Reply.LinkButton(texts.get("likes.openInSpotify"), track.url().get()));
    }
    return reply
        .withButton(new Reply.LinkButton(texts.get("likes.searchYouTube"), youtube(track)))
        .withButton(
            new Reply.ActionButton(
                texts.get("likes.another"), LikesCommand.anotherId(owner, ephemeral)));
  }

  /**
   * A page of the list, newest first, headed by {@code whose} list it is, with page buttons for
   * {@code owner} whose labels say the direction in words (a screen reader reads "◀" as nothing
   * useful).
   */
  static Reply page(
      Texts texts,
      LikesService.Page page,
      String owner,
      Reply.Embed.Author whose,
      boolean ephemeral) {
    StringBuilder lines = new StringBuilder();
    int number = page.number() * LikesService.PAGE_SIZE;
    for (SavedTrack saved : page.songs()) {
      number++;
      lines.append(number).append(". ").append(line(texts, saved)).append('\n');
    }
    Reply.Embed embed =
        new Reply.Embed(
                texts.get("likes.page.title"),
                Optional.empty(),
                page.songs().isEmpty() ? texts.get(NO_LIKES) : lines.toString().strip(),
                Optional.empty())
            .withFooter(
                texts.get("likes.page.footer", page.number() + 1, page.pages(), page.total()))
            .withAuthor(whose);
    int last = page.pages() - 1;
    return Reply.publicly("")
        .withEmbed(embed)
        .asEphemeral(ephemeral)
        .withButton(
            new Reply.ActionButton(
                texts.get(NEWER),
                LikesCommand.pageId(LikesCommand.PREVIOUS, owner, Math.max(0, page.number() - 1)),
                page.number() == 0))
        .withButton(
            new Reply.ActionButton(
                texts.get(OLDER),
                LikesCommand.pageId(LikesCommand.NEXT, owner, Math.min(last, page.number() + 1)),
                page.number() >= last));
  }

  private static String line(Texts texts, SavedTrack saved) {
    if (saved.track().isEmpty()) {
      return texts.get("likes.page.gone");
    }
    Track track = saved.track().get();
    String name = Markdown.inLine(MessageLimits.shorten(oneLine(name(texts, track)), LINE_NAME));
    Optional<String> title =
        track
            .url()
            .filter(u -> track.showable() && MARKDOWN_LINK.matcher(u).matches())
            .map(u -> "[" + name + "](" + u + ")");
    return title.orElse(name)
        + " — "
        + Markdown.inLine(MessageLimits.shorten(oneLine(artists(texts, track)), LINE_NAME))
        + (track.duration().isZero() ? "" : " · " + duration(track.duration()))
        + (track.local() ? " · " + texts.get("likes.page.local") : "");
  }

  /** A YouTube search for the artists and the title, cut to fit a link button. */
  static String youtube(Track track) {
    String query = String.join(" ", track.artists()) + " " + track.name();
    return MessageLimits.searchUrl(YOUTUBE_SEARCH, query.strip());
  }

  /** A line break inside a name would split one line of a list (or ranking) into two. */
  static String oneLine(String text) {
    return LINE_BREAKS.matcher(text).replaceAll(" ");
  }

  private static String name(Texts texts, Track track) {
    return MessageLimits.isBlank(track.name()) ? texts.get(UNTITLED) : track.name();
  }

  private static String artists(Texts texts, Track track) {
    List<String> named = track.artists().stream().filter(a -> !MessageLimits.isBlank(a)).toList();
    return named.isEmpty() ? texts.get(UNKNOWN_ARTIST) : String.join(", ", named);
  }

  static String duration(Duration d) {
    long seconds = d.toSeconds();
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
