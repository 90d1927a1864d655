package dev.likesbot.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Text as it may come from outside (Spotify names): any script, emoji ZWJ sequences and flags,
 * combining marks, lone markdown characters and control characters, from 0 to {@code max} UTF-16
 * units, never with a lone surrogate (UTF-8 JSON cannot carry one).
 */
public final class OutsideText {
  private OutsideText() {}

  public static Arbitrary<String> upTo(int max) {
    Arbitrary<String> token =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, codePoints(0x4E00, 0x9FFF)), // CJK
            net.jqwik.api.Tuple.of(2, codePoints(0x0590, 0x06FF)), // Hebrew, Arabic (RTL)
            net.jqwik.api.Tuple.of(2, codePoints(0x1F300, 0x1FAFF)), // emoji
            net.jqwik.api.Tuple.of(2, codePoints(0x0300, 0x036F)), // combining marks
            net.jqwik.api.Tuple.of(1, codePoints(0x0000, 0x001F)), // control characters
            net.jqwik.api.Tuple.of(1, codePoints(0x0080, 0x009F)),
            net.jqwik.api.Tuple.of(3, codePoints(0x0020, 0x007E)), // ASCII
            net.jqwik.api.Tuple.of(4, Arbitraries.of(SPECIAL)));
    return token
        .list()
        .ofMaxSize(max)
        .map(
            tokens -> {
              StringBuilder text = new StringBuilder();
              for (String t : tokens) {
                if (text.length() + t.length() > max) {
                  break;
                }
                text.append(t);
              }
              return text.toString();
            });
  }

  private static final List<String> SPECIAL =
      List.of(
          "👩\u200d👩\u200d👧\u200d👦",
          "🏳\ufe0f\u200d🌈",
          "🇯🇵",
          "👍🏽",
          "e\u0301",
          "\u200d",
          "\ufe0f",
          "\u200b",
          "\u202e",
          "\u00a0",
          "\u202f",
          "\\",
          "*",
          "_",
          "`",
          "~",
          "|",
          ">",
          "#",
          "[",
          "]",
          "(",
          ")",
          "<",
          "@",
          ":",
          "-",
          "\n",
          " ",
          "\t",
          "…");

  private static Arbitrary<String> codePoints(int from, int to) {
    return Arbitraries.integers().between(from, to).map(Character::toString);
  }
}
