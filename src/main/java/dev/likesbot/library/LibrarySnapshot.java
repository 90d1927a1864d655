package dev.likesbot.library;

import java.util.List;

/**
 * A member's Liked Songs as read, newest first. {@code total} is what Spotify's first page said;
 * {@code songs} may be a few shorter or longer when songs were liked or removed during the read.
 */
public record LibrarySnapshot(int total, List<LikedSong> songs) {
  public LibrarySnapshot {
    songs = List.copyOf(songs);
  }

  /** Roughly what keeping it costs on the heap. */
  long estimatedBytes() {
    long bytes = 64 + 8L * songs.size();
    for (LikedSong song : songs) {
      bytes += song.estimatedBytes();
    }
    return bytes;
  }
}
