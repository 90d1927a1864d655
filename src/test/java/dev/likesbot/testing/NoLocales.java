package dev.likesbot.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.store.LocaleStore;
import dev.likesbot.text.MemberLocales;
import java.util.Optional;

/** For tests of other things: no member's language is remembered, so every DM reads English. */
public final class NoLocales {
  private NoLocales() {}

  public static MemberLocales memberLocales() {
    return new MemberLocales(
        new LocaleStore() {
          @Override
          public Optional<String> locale(String discordUserId) {
            return Optional.empty();
          }

          @Override
          public void rememberLocale(String discordUserId, String languageTag) {}
        },
        Ticker.systemTicker());
  }
}
