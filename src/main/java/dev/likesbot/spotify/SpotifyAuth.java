package dev.likesbot.spotify;

import java.net.URI;

/** Spotify's accounts service: the OAuth authorization code flow with PKCE. */
public interface SpotifyAuth {

  /** The page where a member logs in and approves this app. */
  URI authorizeUri(String state, String codeChallenge);

  /** Trades the one-time code from the callback for tokens. */
  SpotifyTokens exchange(String code, String codeVerifier);

  /**
   * A fresh access token; the answer carries a refresh token only when Spotify rotated it.
   *
   * @throws SpotifyException with {@link SpotifyException.Reason#REVOKED} when the grant ended
   */
  SpotifyTokens refresh(String refreshToken);
}
