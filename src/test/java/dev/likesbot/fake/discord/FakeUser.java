package dev.likesbot.fake.discord;

/**
 * A Discord user that exists in the fake, e.g. the member who runs a slash command; {@code avatar}
 * is the hash of their picture, or null for Discord's default one.
 */
public record FakeUser(long id, String username, String avatar) {
  public FakeUser(long id, String username) {
    this(id, username, null);
  }

  public FakeUser {
    if (id <= 0) {
      throw new IllegalArgumentException("user id must be a positive snowflake: " + id);
    }
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
  }
}
