package dev.likesbot.store;

import java.util.Optional;

/**
 * The language each member's Discord client last reported, for messages sent with no interaction at
 * hand. Forgetting a member ({@link TokenStore#delete}) forgets it too. Implementations are
 * thread-safe.
 */
public interface LocaleStore {

  /** The member's remembered locale as a language tag ({@code de}, {@code pt-BR}), if any. */
  Optional<String> locale(String discordUserId);

  /** Remembers {@code languageTag} for the member, replacing what was remembered before. */
  void rememberLocale(String discordUserId, String languageTag);
}
