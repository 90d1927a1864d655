package dev.likesbot.spotify;

import java.time.Instant;
import java.util.Optional;

/**
 * A Liked Songs entry; the track is empty when Spotify returned none (removed from the catalogue).
 */
public record SavedTrack(Optional<Track> track, Optional<Instant> addedAt) {}
