package dev.likesbot.spotify;

import java.util.List;

/** A page of saved tracks; {@code total} is the size of the whole library. */
public record TrackPage(int total, int offset, List<SavedTrack> items) {
  public TrackPage {
    items = List.copyOf(items);
  }
}
