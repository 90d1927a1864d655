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

  /** Roughly what a snapshot costs on the heap before its songs. */
  static final long EMPTY_BYTES = 64;

  /** Roughly what keeping it costs on the heap. */
  long estimatedBytes() {
    long bytes = EMPTY_BYTES;
    for (LikedSong song : songs) {
      bytes += bytesFor(song);
    }
    return bytes;
  }

  /** What one song adds: itself and the list's reference to it. */
  static long bytesFor(LikedSong song) {
    return 8 + song.estimatedBytes();
  }
}
