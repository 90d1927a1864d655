package dev.likesbot.fake.discord;

/**
 * A Discord user that exists in the fake, e.g. the member who runs a slash command; {@code avatar}
 * is the hash of their picture, or null for Discord's default one; {@code locale} is their client's
 * language, which every interaction of theirs carries (Discord's {@code locale}, e.g. "de").
 */
public record FakeUser(long id, String username, String avatar, String locale) {
  public FakeUser(long id, String username) {
    this(id, username, null);
  }

  public FakeUser(long id, String username, String avatar) {
    this(id, username, avatar, "en-US");
  }

  /** The same user with their Discord client set to {@code locale}. */
  public FakeUser withLocale(String locale) {
    return new FakeUser(id, username, avatar, locale);
  }

  public FakeUser {
    if (id <= 0) {
      throw new IllegalArgumentException("user id must be a positive snowflake: " + id);
    }
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (!CommandNaming.LOCALES.contains(locale)) {
      throw new IllegalArgumentException("not a Discord locale: " + locale);
    }
  }
}
