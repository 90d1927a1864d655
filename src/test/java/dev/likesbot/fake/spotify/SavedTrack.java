package dev.likesbot.fake.spotify;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a user's Liked Songs (Spotify's SavedTrackObject). {@code track} is null for an
 * entry Spotify no longer serves, which the real API can return and clients must survive.
 */
public record SavedTrack(Instant addedAt, FakeTrack track) {

  public SavedTrack {
    Objects.requireNonNull(addedAt, "addedAt");
  }

  public static SavedTrack of(Instant addedAt, FakeTrack track) {
    return new SavedTrack(addedAt, Objects.requireNonNull(track, "track"));
  }

  public static SavedTrack unavailable(Instant addedAt) {
    return new SavedTrack(addedAt, null);
  }
}
