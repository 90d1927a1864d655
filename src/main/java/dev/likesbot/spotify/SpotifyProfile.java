package dev.likesbot.spotify;

/** Who logged in: {@code displayName} falls back to the id when the member set none. */
public record SpotifyProfile(String id, String displayName) {}
