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
}
