package dev.likesbot.testing;

import dev.likesbot.spotify.SavedTrack;
import dev.likesbot.spotify.SpotifyException;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.spotify.SpotifyProfile;
import dev.likesbot.spotify.Track;
import dev.likesbot.spotify.TrackPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** One member's library, with every request recorded as "offset:limit:token". */
public final class FakeLibrary implements SpotifyLibrary {
  public final List<SavedTrack> tracks = new CopyOnWriteArrayList<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();
  public volatile String displayName = "Ada";
  public volatile SpotifyException fail;

  /** Access tokens answered with 401. */
  public final List<String> refused = new CopyOnWriteArrayList<>();

  public FakeLibrary withSongs(int n) {
    for (int i = 0; i < n; i++) {
      tracks.add(song("Song " + i));
    }
    return this;
  }

  public static SavedTrack song(String name) {
    return new SavedTrack(
        Optional.of(
            new Track(
                name,
                List.of("Artist"),
                "Album",
                Optional.of("https://i.example/" + name.hashCode()),
                Optional.of("https://open.spotify.com/track/" + Math.abs(name.hashCode())),
                Duration.ofMinutes(3),
                false,
                true)),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** A catalogue track Spotify says cannot be played any more. */
  public static SavedTrack unplayable(String name) {
    Track track = song(name).track().orElseThrow();
    return new SavedTrack(
        Optional.of(
            new Track(
                track.name(),
                track.artists(),
                track.album(),
                track.imageUrl(),
                track.url(),
                track.duration(),
                false,
                false)),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
  }

  public static SavedTrack localFile(String name) {
    return new SavedTrack(
        Optional.of(
            new Track(
                name,
                List.of(),
                "",
                Optional.empty(),
                Optional.empty(),
                Duration.ZERO,
                true,
                false)),
        Optional.empty());
  }

  @Override
  public SpotifyProfile profile(String accessToken) {
    return new SpotifyProfile("spotify-user", displayName);
  }

  @Override
  public TrackPage savedTracks(String accessToken, int offset, int limit) {
    requests.add(offset + ":" + limit + ":" + accessToken);
    if (fail != null) {
      throw fail;
    }
    if (refused.contains(accessToken)) {
      throw new SpotifyException(SpotifyException.Reason.UNAUTHORIZED, "401");
    }
    List<SavedTrack> page = new ArrayList<>();
    for (int i = offset; i < Math.min(tracks.size(), offset + limit); i++) {
      page.add(tracks.get(i));
    }
    return new TrackPage(tracks.size(), offset, page);
  }
}
