package dev.likesbot.fake.discord;

/** A Discord user that exists in the fake, e.g. the member who runs a slash command. */
public record FakeUser(long id, String username) {
  public FakeUser {
    if (id <= 0) {
      throw new IllegalArgumentException("user id must be a positive snowflake: " + id);
    }
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
  }
}
