package dev.likesbot.spotify;

/** The Web API calls the bot makes on a member's behalf, each one request. */
public interface SpotifyLibrary {

  SpotifyProfile profile(String accessToken);

  /** One page of the member's Liked Songs, newest first; its {@code total} covers all of them. */
  TrackPage savedTracks(String accessToken, int offset, int limit);
}
