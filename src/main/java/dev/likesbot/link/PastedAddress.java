package dev.likesbot.link;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a member pasted back after Spotify's login sent their browser to a loopback callback that
 * only the bot's machine reaches: the {@code state}, {@code code} and {@code error} of that page's
 * address. Lenient about everything around the address (whitespace, invisible marks, other words,
 * no scheme, angle brackets, {@code &amp;} from a copy out of HTML), strict about those three: they
 * are read from the address's query only, once each, and a parameter given twice with different
 * values counts as absent.
 *
 * @param found whether the text held an address-like word at all (a query, or {@code ://})
 */
record PastedAddress(
    boolean found, Optional<String> state, Optional<String> code, Optional<String> error) {

  /** Nothing address-like was pasted. */
  static final PastedAddress NOTHING =
      new PastedAddress(false, Optional.empty(), Optional.empty(), Optional.empty());

  /** Discord's text input holds at most 4000 characters; anything longer is not from it. */
  static final int MAX_PASTE = 4000;

  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  /**
   * Invisible format characters (direction marks and isolates a right-to-left phone wraps a copied
   * address in, zero-width spaces a chat app breaks long words with, a byte order mark): never part
   * of an address, and the member cannot see them, so they are dropped rather than read.
   */
  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");

  private static final Pattern AMP = Pattern.compile("&amp;", Pattern.CASE_INSENSITIVE);

  /** Characters a sentence or a chat client puts around an address, never part of ours. */
  private static final String WRAPPING = "<>()[]{}\"'`“”‘’«»";

  private static final String TRAILING = ".,;:!?";

  static PastedAddress parse(String pasted) {
    if (pasted == null || pasted.length() > MAX_PASTE) {
      return NOTHING;
    }
    String visible = INVISIBLE.matcher(pasted).replaceAll("");
    String[] words = WHITESPACE.split(AMP.matcher(visible).replaceAll("&"));
    PastedAddress firstAddress = NOTHING;
    for (String word : words) {
      String trimmed = trim(word);
      PastedAddress address = read(trimmed);
      if (address.state().isPresent()) {
        return address; // the first address with a state is the one that matters
      }
      if (!firstAddress.found() && address.found()) {
        firstAddress = address;
      }
    }
    return firstAddress;
  }

  private static PastedAddress read(String word) {
    int question = word.indexOf('?');
    String query;
    if (question >= 0) {
      query = word.substring(question + 1);
    } else if (word.startsWith("state=") || word.startsWith("code=") || word.startsWith("error=")) {
      query = word; // only the query was copied
    } else {
      query = "";
    }
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    if (!word.contains("://") && !query.contains("=")) {
      return NOTHING; // a word, not an address
    }
    return new PastedAddress(
        true, param(query, "state"), param(query, "code"), param(query, "error"));
  }

  /** The one value of {@code name}: absent when missing, empty, malformed or given twice. */
  private static Optional<String> param(String query, String name) {
    String value = null;
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0 || !pair.substring(0, equals).equals(name)) {
        continue;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (value != null && !value.equals(decoded)) {
        return Optional.empty();
      }
      value = decoded;
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static String trim(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && WRAPPING.indexOf(word.charAt(start)) >= 0) {
      start++;
    }
    while (end > start
        && (WRAPPING.indexOf(word.charAt(end - 1)) >= 0
            || TRAILING.indexOf(word.charAt(end - 1)) >= 0)) {
      end--;
    }
    return word.substring(start, end);
  }

  @Override
  public String toString() {
    return "PastedAddress[found="
        + found
        + ", state="
        + state.map(s -> "****").orElse("none")
        + ", code="
        + code.map(s -> "****").orElse("none")
        + ", error="
        + error.orElse("none")
        + "]";
  }
}
