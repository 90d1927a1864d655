package dev.likesbot.link;

import java.net.URI;

/** What the bot's login page shows or does for a state, for {@code web/} to render. */
public sealed interface LoginStep {

  /** The page asks whoever opened it to continue only if this member's /link is theirs. */
  record Confirm(String discordName, String discordHandle) implements LoginStep {}

  /**
   * Continue was pressed: the state is now bound to the browser that will hold {@code
   * browserNonce}, which goes on to Spotify's login.
   */
  record ToSpotify(URI authorizeUri, String browserNonce) implements LoginStep {
    @Override
    public String toString() {
      return "ToSpotify[authorizeUri=****, browserNonce=****]";
    }
  }

  /** Nothing to continue. */
  enum Unusable implements LoginStep {
    /** No login with this state is waiting: made up, used, or taken meanwhile. */
    UNKNOWN_STATE,
    /** The login was started more than 10 minutes before. */
    EXPIRED
  }
}
