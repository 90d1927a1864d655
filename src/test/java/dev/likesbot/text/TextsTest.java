package dev.likesbot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundles a translator edits: every language has every key English has and no other, with the
 * same placeholders, each a pattern that parses; command names and descriptions keep Discord's
 * rules; and the lookup picks the member's language, else English, never the server's.
 */
class TextsTest {
  private static final Path DIR = Path.of("src/main/resources/texts");
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
  private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");
  private static final Pattern COMMAND_NAME =
      Pattern.compile("^[-_\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");

  /** The command keys' first parts: the bot's slash commands. */
  private static final Set<String> COMMANDS = Set.of("likes", "link", "unlink");

  private static Map<String, String> load(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Map<String, String> texts = new TreeMap<>();
    properties.forEach((k, v) -> texts.put((String) k, (String) v));
    return texts;
  }

  private static Map<String, String> english() {
    return load(DIR.resolve("messages.properties"));
  }

  /** Every translation file, by its file name. */
  private static Map<String, Map<String, String>> translations() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(f -> f.getFileName().toString().matches("messages_.+\\.properties"))
          .collect(Collectors.toMap(f -> f.getFileName().toString(), TextsTest::load));
    }
  }

  private static Set<String> arguments(String pattern) {
    Set<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void thereIsAGermanTranslation() throws IOException {
    assertThat(translations()).containsKey("messages_de.properties");
  }

  @Test
  void everyTranslationHasExactlyTheKeysOfEnglish() throws IOException {
    Set<String> keys = english().keySet();
    assertThat(keys).isNotEmpty();
    translations()
        .forEach(
            (file, texts) -> assertThat(texts.keySet()).as(file).isEqualTo(new TreeSet<>(keys)));
  }

  @Test
  void everyTranslationFillsInTheSamePlaceholders() throws IOException {
    Map<String, String> english = english();
    translations()
        .forEach(
            (file, texts) ->
                texts.forEach(
                    (key, text) ->
                        assertThat(arguments(text))
                            .as("%s in %s", key, file)
                            .isEqualTo(arguments(english.getOrDefault(key, "")))));
  }

  @Test
  void everyTextIsAPatternThatParsesWithItsApostrophesDoubled() throws IOException {
    List<Map<String, String>> all = new ArrayList<>(translations().values());
    all.add(english());
    for (Map<String, String> texts : all) {
      texts.forEach(
          (key, text) -> {
            assertThatCode(() -> new MessageFormat(text, Locale.ENGLISH))
                .as(key)
                .doesNotThrowAnyException();
            assertThat(LONE_APOSTROPHE.matcher(text).find())
                .as("%s has a single ' (MessageFormat would drop it): %s", key, text)
                .isFalse();
          });
    }
  }

  @Test
  void commandNamesAndDescriptionsKeepDiscordsRulesInEveryLanguage() throws IOException {
    List<Map<String, String>> all = new ArrayList<>(translations().values());
    all.add(english());
    for (Map<String, String> texts : all) {
      texts.forEach(
          (key, text) -> {
            if (!COMMANDS.contains(key.substring(0, key.indexOf('.')))) {
              return;
            }
            if (key.endsWith(".name")) {
              assertThat(text)
                  .as(key)
                  .matches(COMMAND_NAME)
                  .isEqualTo(text.toLowerCase(Locale.ROOT));
            } else if (key.endsWith(".description")) {
              assertThat(text.codePointCount(0, text.length())).as(key).isBetween(1, 100);
            }
          });
    }
  }

  /** The English names are the commands' real names, which members' messages and ids rely on. */
  @Test
  void theEnglishCommandNamesAreTheRealOnes() {
    english()
        .forEach(
            (key, text) -> {
              if (COMMANDS.contains(key.substring(0, key.indexOf('.'))) && key.endsWith(".name")) {
                String[] parts = key.split("\\.");
                assertThat(text).as(key).isEqualTo(parts[parts.length - 2]);
              }
            });
  }

  @Test
  void aMemberReadsTheirOwnLanguageWithItsNumbers() {
    Texts german = Texts.of(Locale.forLanguageTag("de"));

    assertThat(german.locale()).isEqualTo(Locale.GERMAN);
    assertThat(german.get("likes.total", 1234)).isEqualTo("Du hast 1.234 Lieblingssongs.");
    assertThat(german.number(1234567)).isEqualTo("1.234.567");
    assertThat(Texts.ENGLISH.get("likes.total", 1234)).isEqualTo("You have 1,234 liked songs.");
    assertThat(Texts.ENGLISH.get("likes.total", 1)).isEqualTo("You have 1 liked song.");
  }

  @Test
  void aLanguageWithoutAFileReadsEnglishEvenOnAGermanServer() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);

      Texts portuguese = Texts.of(Locale.forLanguageTag("pt-BR"));

      assertThat(portuguese.locale()).isEqualTo(Locale.ENGLISH);
      assertThat(portuguese.get("likes.total", 1234)).isEqualTo("You have 1,234 liked songs.");
      assertThat(Texts.translated(Locale.forLanguageTag("pt-BR"))).isFalse();
      assertThat(Texts.translated(Locale.forLanguageTag("en-GB"))).isFalse();
      assertThat(Texts.translated(Locale.forLanguageTag("de"))).isTrue();
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void anArgumentIsNeverReadAsAPattern() {
    assertThat(Texts.ENGLISH.get("link.linkedDm", "{0} it''s {1,number}"))
        .isEqualTo("Linked as {0} it''s {1,number}. Not you? Use /unlink.");
  }

  /** Discord's limits for a form: its title and a field's label at most 45 characters. */
  @Test
  void formTextsFitAFormInEveryLanguage() throws IOException {
    List<Map<String, String>> all = new ArrayList<>(translations().values());
    all.add(english());
    for (Map<String, String> texts : all) {
      assertThat(texts.get("finish.title").length()).isLessThanOrEqualTo(45);
      assertThat(texts.get("finish.label").length()).isLessThanOrEqualTo(45);
    }
  }

  /** A translation that lacks a text (a newer English key) falls back to the English one. */
  @Test
  void aKeyMissingFromATranslationReadsEnglish() {
    Texts german = Texts.of("texts.partial", Locale.GERMAN);

    assertThat(german.get("greeting", "Ada")).isEqualTo("Hallo, Ada!");
    assertThat(german.get("farewell")).isEqualTo("Bye.");
  }
}
