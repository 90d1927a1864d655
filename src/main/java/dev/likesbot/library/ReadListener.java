package dev.likesbot.library;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hears a read as it goes, on the read's own thread: keep it quick. Songs arrive in library order
 * (newest first), each exactly once, whether read now, taken from the snapshot or both, so an
 * export can write rows as they come instead of waiting for the whole library.
 */
public interface ReadListener {
  void progress(ReadProgress progress);

  /** The next songs in order; {@code from} is the index of the first of them. */
  default void songs(int from, List<LikedSong> songs) {}

  /** This listener's progress, with the songs handed to {@code songs} as they arrive. */
  default ReadListener withSongs(Consumer<List<LikedSong>> songs) {
    ReadListener progress = this;
    return new ReadListener() {
      @Override
      public void progress(ReadProgress p) {
        progress.progress(p);
      }

      @Override
      public void songs(int from, List<LikedSong> more) {
        songs.accept(more);
      }
    };
  }
}
