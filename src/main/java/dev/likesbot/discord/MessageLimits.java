package dev.likesbot.discord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's documented message limits, applied to every {@link Reply} before JDA builds it (JDA
 * throws on an over-long value, Discord answers 400 to the rest), so any text from Spotify fits
 * wherever it lands. Lengths are UTF-16 units, as JDA counts them; a shortened text ends at a
 * grapheme cluster (an emoji ZWJ sequence or a letter with its accents stays whole) with "…".
 */
public final class MessageLimits {
  static final int CONTENT = 2000;
  static final int TITLE = 256;
  static final int AUTHOR = 256;
  static final int DESCRIPTION = 4096;
  static final int FIELD_NAME = 256;
  static final int FIELD_VALUE = 1024;
  static final int FIELDS = 25;
  static final int FOOTER = 2048;
  static final int EMBED_TOTAL = 6000;
  static final int BUTTONS = 5;
  static final int LABEL = 80;
  static final int BUTTON_URL = 512;
  static final int EMBED_URL = 2000;
  static final int FILES = 10;
  static final int ATTACHMENT_DESCRIPTION = 1024;
  static final String ELLIPSIS = "…";

  /** JDA puts this in place of an empty field name or value, which Discord rejects. */
  private static final String ZERO_WIDTH_SPACE = "\u200b";

  /** Extended grapheme clusters; java.text.BreakIterator of Java 17 splits ZWJ sequences. */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private static final Pattern LONE_SURROGATE =
      Pattern.compile(
          "[\\x{D800}-\\x{DBFF}](?![\\x{DC00}-\\x{DFFF}])|(?<![\\x{D800}-\\x{DBFF}])[\\x{DC00}-\\x{DFFF}]");

  /** What Discord accepts as a link (JDA checks embed URLs the same way). */
  private static final Pattern WEB_URL = Pattern.compile("https?://\\S+");

  private MessageLimits() {}

  /**
   * Whether Discord would show nothing: only whitespace (no-break spaces too, which Discord trims
   * but Java's isWhitespace keeps) or control characters, which JDA and Discord trim away (an empty
   * embed title, field or label is refused).
   */
  public static boolean isBlank(String text) {
    return text.chars()
        .allMatch(
            c ->
                c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085');
  }

  /**
   * {@code text} in at most {@code max} UTF-16 units: cut at a grapheme cluster boundary, ending in
   * "…". Never leaves a lone backslash at the cut, which would escape the ellipsis in markdown.
   */
  public static String shorten(String text, int max) {
    String clean = LONE_SURROGATE.matcher(text).replaceAll("\uFFFD");
    if (clean.length() <= max) {
      return clean;
    }
    if (max < ELLIPSIS.length()) {
      return "";
    }
    int keep = clusterPrefix(clean, max - ELLIPSIS.length());
    int backslashes = 0;
    while (backslashes < keep && clean.charAt(keep - 1 - backslashes) == '\\') {
      backslashes++;
    }
    if (backslashes % 2 == 1) {
      keep--; // the cut fell between a markdown escape and the character it escapes
    }
    return clean.substring(0, keep) + ELLIPSIS;
  }

  /**
   * {@code prefix} followed by {@code query} URL-encoded, with the query cut at a grapheme cluster
   * so the whole URL fits a link button (encoding can make one character nine).
   */
  public static String searchUrl(String prefix, String query) {
    String clean = LONE_SURROGATE.matcher(query).replaceAll("\uFFFD").strip();
    String encoded = URLEncoder.encode(clean, StandardCharsets.UTF_8);
    if (prefix.length() + encoded.length() <= BUTTON_URL) {
      return prefix + encoded;
    }
    StringBuilder fitting = new StringBuilder(prefix);
    Matcher cluster = GRAPHEME.matcher(clean);
    while (cluster.find()) {
      // UTF-8 and percent-encoding work per code point, so clusters encode independently.
      String next = URLEncoder.encode(cluster.group(), StandardCharsets.UTF_8);
      if (fitting.length() + next.length() > BUTTON_URL) {
        break;
      }
      fitting.append(next);
    }
    String url = fitting.toString();
    while (url.endsWith("+") && url.length() > prefix.length()) {
      url = url.substring(0, url.length() - 1); // a cut query does not end in spaces
    }
    return url;
  }

  /** {@code reply} with every part within Discord's limits; parts that cannot be sent dropped. */
  static Reply fit(Reply reply) {
    List<Reply.Button> buttons = new ArrayList<>();
    for (Reply.Button button : reply.buttons()) {
      if (buttons.size() < BUTTONS) {
        fit(button).ifPresent(buttons::add);
      }
    }
    return new Reply(
        shorten(reply.content(), CONTENT),
        reply.embed().map(MessageLimits::fit).filter(MessageLimits::showsSomething),
        buttons,
        reply.ephemeral(),
        reply.files().stream()
            .limit(FILES)
            .map(
                f ->
                    new Reply.Attachment(
                        f.name(), f.data(), shorten(f.description(), ATTACHMENT_DESCRIPTION)))
            .toList());
  }

  private static Optional<Reply.Button> fit(Reply.Button button) {
    String label = isBlank(button.label()) ? ELLIPSIS : shorten(button.label(), LABEL);
    if (button instanceof Reply.LinkButton link) {
      return webUrl(link.url(), BUTTON_URL).map(url -> new Reply.LinkButton(label, url));
    }
    Reply.ActionButton action = (Reply.ActionButton) button;
    return Optional.of(
        new Reply.ActionButton(label, action.id(), action.style(), action.disabled()));
  }

  private static Reply.Embed fit(Reply.Embed embed) {
    String title = isBlank(embed.title()) ? "" : shorten(embed.title(), TITLE);
    String description = shorten(embed.description(), DESCRIPTION);
    List<String[]> fields = new ArrayList<>();
    for (Reply.Embed.Field field :
        embed.fields().subList(0, Math.min(FIELDS, embed.fields().size()))) {
      fields.add(
          new String[] {
            nonBlank(shorten(field.name().strip(), FIELD_NAME)),
            nonBlank(shorten(field.value().strip(), FIELD_VALUE))
          });
    }
    String footer = embed.footer().map(f -> shorten(f, FOOTER)).orElse("");
    Optional<Reply.Embed.Author> author =
        embed
            .author()
            .filter(a -> !isBlank(a.name()))
            .map(
                a ->
                    new Reply.Embed.Author(
                        shorten(a.name(), AUTHOR), a.iconUrl().flatMap(u -> webUrl(u, EMBED_URL))));

    // The whole embed counts too: give up description first, then field values, footer, names.
    int excess =
        title.length()
            + description.length()
            + footer.length()
            + author.map(a -> a.name().length()).orElse(0)
            - EMBED_TOTAL;
    for (String[] field : fields) {
      excess += field[0].length() + field[1].length();
    }
    if (excess > 0) {
      int before = description.length();
      description = shorten(description, Math.max(0, before - excess));
      excess -= before - description.length();
    }
    for (int part = 1; excess > 0 && part >= 0; part--) {
      for (int i = fields.size() - 1; excess > 0 && i >= 0; i--) {
        String[] field = fields.get(i);
        int before = field[part].length();
        field[part] = nonBlank(shorten(field[part], Math.max(1, before - excess)));
        excess -= before - field[part].length();
      }
      if (part == 1 && excess > 0) {
        int before = footer.length();
        footer = shorten(footer, Math.max(0, before - excess));
        excess -= before - footer.length();
      }
    }
    if (excess > 0) {
      title = shorten(title, Math.max(1, title.length() - excess));
    }

    Reply.Embed fitted =
        new Reply.Embed(
            title,
            title.isEmpty() ? Optional.empty() : embed.url().flatMap(u -> webUrl(u, EMBED_URL)),
            description,
            embed.thumbnailUrl().flatMap(u -> webUrl(u, EMBED_URL)));
    for (int i = 0; i < fields.size(); i++) {
      fitted = fitted.withField(fields.get(i)[0], fields.get(i)[1], embed.fields().get(i).inline());
    }
    if (author.isPresent()) {
      fitted = fitted.withAuthor(author.get());
    }
    return isBlank(footer) ? fitted : fitted.withFooter(footer);
  }

  /** JDA refuses to build an embed without text. */
  private static boolean showsSomething(Reply.Embed embed) {
    return !embed.title().isEmpty()
        || embed.author().isPresent()
        || !isBlank(embed.description())
        || !embed.fields().isEmpty()
        || embed.footer().isPresent();
  }

  private static String nonBlank(String text) {
    return isBlank(text) ? ZERO_WIDTH_SPACE : text;
  }

  /** A link Discord would refuse is left out rather than failing the whole message. */
  private static Optional<String> webUrl(String url, int max) {
    return url.length() <= max && WEB_URL.matcher(url).matches()
        ? Optional.of(url)
        : Optional.empty();
  }

  /** End of the longest run of whole grapheme clusters within {@code max} units. */
  private static int clusterPrefix(String text, int max) {
    Matcher cluster = GRAPHEME.matcher(text);
    int end = 0;
    while (cluster.find() && cluster.end() <= max) {
      end = cluster.end();
    }
    return end;
  }
}
