package dev.likesbot.text;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.store.LocaleStore;
import dev.likesbot.store.StoreException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each member's language for messages sent with no interaction at hand (DMs, reminders): the locale
 * of their last interaction, kept in the store so a restart loses nothing. Every interaction
 * reports its locale, but the store is written only when it changed from what this instance last
 * wrote; that memory lasts a day, so a change written by another instance on the same database is
 * corrected within a day of the member's next use here.
 */
public final class MemberLocales {
  private static final Logger log = LoggerFactory.getLogger(MemberLocales.class);
  static final Duration TRUST_WRITTEN = Duration.ofDays(1);

  private final LocaleStore store;
  private final Cache<String, Locale> written;

  public MemberLocales(LocaleStore store, Ticker ticker) {
    this.store = store;
    this.written =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(TRUST_WRITTEN)
            .maximumSize(100_000)
            .build();
  }

  /**
   * The member used the bot with their client set to {@code locale}; blocks on the store when it
   * changed, so call it off JDA's event thread. A store that fails costs a warning, never the
   * member's command.
   */
  public void remember(String memberId, Locale locale) {
    if (locale.equals(written.getIfPresent(memberId))) {
      return;
    }
    try {
      store.rememberLocale(memberId, locale.toLanguageTag());
      written.put(memberId, locale);
    } catch (StoreException e) {
      log.warn("Could not remember the locale of user {}: {}", memberId, e.getMessage());
    }
  }

  /** The member's data is gone from the store (they unlinked): their next use writes it again. */
  public void forget(String memberId) {
    written.invalidate(memberId);
  }

  /** The texts for {@code memberId} in their remembered language; English when none is known. */
  public Texts texts(String memberId) {
    try {
      return store
          .locale(memberId)
          .map(Locale::forLanguageTag)
          .map(Texts::of)
          .orElse(Texts.ENGLISH);
    } catch (StoreException e) {
      log.warn("Could not read the locale of user {}: {}", memberId, e.getMessage());
      // What this instance wrote last is the best guess left; English is the last resort.
      return Optional.ofNullable(written.getIfPresent(memberId))
          .map(Texts::of)
          .orElse(Texts.ENGLISH);
    }
  }
}
