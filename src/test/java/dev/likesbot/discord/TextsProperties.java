package dev.likesbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.MessageRules;
import dev.likesbot.testing.OutsideText;
import dev.likesbot.text.Texts;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Every text in every language, filled with whatever comes from outside (names of up to 200
 * characters, as the bot shortens them, and any number): formatting never throws, and the text fits
 * a Discord message as it is, which the fake's rules confirm.
 */
class TextsProperties {
  private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of(Collections.list(Texts.bundle(Locale.ROOT).getKeys()));
  }

  @Provide
  Arbitrary<Locale> languages() {
    return Arbitraries.of(LANGUAGES);
  }

  @Provide
  Arbitrary<List<String>> names() {
    return OutsideText.upTo(200).list().ofSize(4);
  }

  @Property(tries = 500)
  void everyTextFormatsAnythingAndFitsAMessage(
      @ForAll("keys") String key,
      @ForAll("languages") Locale language,
      @ForAll("names") List<String> names,
      @ForAll @Size(4) List<Long> numbers) {
    ResourceBundle bundle = Texts.bundle(language);
    Format[] formats =
        new MessageFormat(bundle.getString(key), language).getFormatsByArgumentIndex();
    Object[] args = new Object[formats.length];
    for (int i = 0; i < formats.length; i++) {
      boolean number = formats[i] instanceof NumberFormat || formats[i] instanceof ChoiceFormat;
      args[i] = number ? numbers.get(i % 4) : names.get(i % 4);
    }

    String text = Texts.of(language).get(key, args);

    Reply reply = Reply.privately(text);
    assertThat(text.length()).isLessThanOrEqualTo(MessageLimits.CONTENT);
    assertThat(MessageLimits.fit(reply)).isEqualTo(reply);
    assertThat(MessageRules.problems(DiscordJson.create(reply))).isEmpty();
  }
}
