package dev.likesbot.library;

import java.util.List;

/**
 * Hears a read as it goes, on the read's own thread: keep it quick. Songs arrive in library order
 * (newest first), each exactly once, whether read now, taken from the snapshot or both, so an
 * export can write rows as they come instead of waiting for the whole library.
 */
public interface ReadListener {
  void progress(ReadProgress progress);

  /** The next songs in order; {@code from} is the index of the first of them. */
  default void songs(int from, List<LikedSong> songs) {}
}
