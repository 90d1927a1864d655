package dev.likesbot.spotify.webapi;

import java.util.regex.Pattern;

/**
 * Cuts the {@code available_markets} lists out of a Spotify answer before spotify-web-api-java
 * reads it. Spotify sends about 185 country codes for a track and as many for its album, the bot
 * uses none of them, and the library parses each list with a new Gson that rebuilds its adapter for
 * all 250 country codes by reflection: about a third of the work of reading a page. A name cannot
 * look like the key: inside a JSON string every quote is escaped.
 */
final class MarketLists {
  private static final String KEY = "\"available_markets\"";
  private static final String LIST = "\\s*:\\s*\\[[^\\]]*\\]";
  private static final Pattern AFTER_ANOTHER = Pattern.compile(",\\s*" + KEY + LIST);
  private static final Pattern BEFORE_ANOTHER = Pattern.compile(KEY + LIST + "\\s*,");
  private static final Pattern ALONE = Pattern.compile(KEY + LIST);

  private MarketLists() {}

  static String cut(String body) {
    if (!body.contains(KEY)) {
      return body;
    }
    String cut = AFTER_ANOTHER.matcher(body).replaceAll("");
    cut = BEFORE_ANOTHER.matcher(cut).replaceAll("");
    return ALONE.matcher(cut).replaceAll("");
  }
}
