package dev.likesbot.text;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What members read, in their language: a lookup over the resource bundle {@code texts/messages}
 * (English in {@code messages.properties}, every other language in its own {@code
 * messages_<tag>.properties}), so a translation is a file, not a code change. Each text is a {@link
 * MessageFormat} pattern: {@code {0}} and on are its arguments, {@code {0,number,integer}} a number
 * in the language's own digits (German 1.234), and an apostrophe is written twice ({@code ''}).
 *
 * <p>A language without a file, and a key missing from a translation, fall back to English; the
 * JVM's default locale never decides (a server set to German must not answer a Portuguese member in
 * German).
 */
public final class Texts {
  static final String BUNDLE = "texts.messages";

  /** Looks up the bundle for a locale without ever falling back to the JVM's default locale. */
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** One per language that has a file; two or three entries, however many locales ask. */
  private static final Map<Locale, Texts> BY_LANGUAGE = new ConcurrentHashMap<>();

  public static final Texts ENGLISH = of(Locale.ENGLISH);

  private final ResourceBundle bundle;
  private final Locale locale;

  private Texts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** The texts for a member whose Discord client is set to {@code locale}. */
  public static Texts of(Locale locale) {
    ResourceBundle bundle = bundle(locale);
    Locale language = language(bundle);
    return BY_LANGUAGE.computeIfAbsent(language, l -> new Texts(bundle, l));
  }

  /** The texts of another bundle, uncached; for tests of the lookup itself. */
  static Texts of(String baseName, Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle(baseName, locale, NO_DEFAULT_LOCALE);
    return new Texts(bundle, language(bundle));
  }

  /**
   * The bundle that serves {@code locale}: its own translation, or English (the base file, whose
   * locale is {@link Locale#ROOT}), whose texts a translation lacking a key falls back to.
   */
  public static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale, NO_DEFAULT_LOCALE);
  }

  /** Whether a file translates the texts into {@code locale}'s language (English has none). */
  public static boolean translated(Locale locale) {
    return !bundle(locale).getLocale().equals(Locale.ROOT);
  }

  private static Locale language(ResourceBundle bundle) {
    return bundle.getLocale().equals(Locale.ROOT) ? Locale.ENGLISH : bundle.getLocale();
  }

  /** The language these texts are in, which also formats their numbers. */
  public Locale locale() {
    return locale;
  }

  /**
   * The text {@code key} with {@code args} filled in; an argument is never read as a pattern, so
   * names from outside are safe to pass.
   *
   * @throws MissingResourceException when not even English has the key: a bug, not a translation
   *     gap
   */
  public String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }

  /** A whole number as this language writes it (1,234 in English, 1.234 in German). */
  public String number(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }
}
