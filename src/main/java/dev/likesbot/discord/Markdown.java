package dev.likesbot.discord;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes text from outside (Spotify names) show as typed instead of as Discord formatting. */
public final class Markdown {
  private static final Pattern SPECIAL = Pattern.compile("([\\\\*_~`|>#\\-\\[\\]()<@:])");

  private Markdown() {}

  public static String escape(String text) {
    return SPECIAL.matcher(text).replaceAll(Matcher.quoteReplacement("\\") + "$1");
  }

  /**
   * A name from outside placed in a line among the bot's own words and numbers: escaped, and
   * isolated (Unicode's first-strong isolate … pop directional isolate), so an Arabic or Hebrew
   * name keeps to itself instead of carrying the place and the count next to it into its own
   * direction.
   */
  public static String inLine(String text) {
    return "\u2068" + escape(text) + "\u2069";
  }
}
