package dev.likesbot.link;

/** How a callback from Spotify ended, for the page the member's browser shows. */
public sealed interface LinkOutcome {

  /**
   * The member's Spotify account is now linked; names as Discord (display name, username; empty
   * when not known) and Spotify show them.
   */
  record Linked(String discordUserId, String discordName, String discordHandle, String spotifyName)
      implements LinkOutcome {}

  /** Nothing was linked; {@code status} is the HTTP status and {@code reason} one plain line. */
  record Refused(int status, String reason) implements LinkOutcome {}
}
