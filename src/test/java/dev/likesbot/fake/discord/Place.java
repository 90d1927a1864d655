package dev.likesbot.fake.discord;

/** Where a message lives: a DM channel ({@code guildId == null}) or a guild text channel. */
record Place(long channelId, Long guildId) {
  boolean inGuild() {
    return guildId != null;
  }
}
