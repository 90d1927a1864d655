package dev.likesbot.link;

/**
 * How a callback from Spotify, or an address pasted back, ended. The web server turns it into a
 * page and a status, the Discord side turns {@link Linked} into the member's DM and a paste's
 * outcome into its reply; neither is decided here.
 */
public sealed interface LinkOutcome {

  /**
   * The member's Spotify account is now linked; names as Discord (display name, username; empty
   * when not known) and Spotify show them.
   */
  record Linked(String discordUserId, String discordName, String discordHandle, String spotifyName)
      implements LinkOutcome {}

  /**
   * Nothing was linked, and why. An enum rather than one record each, so that whoever renders it
   * must name every case (a switch over it is checked for completeness).
   */
  enum Refused implements LinkOutcome {
    /** The callback carried no state: it was not reached from a login the bot made. */
    NO_STATE,
    /** No login with this state is waiting: made up, or already used. */
    UNKNOWN_STATE,
    /** The login was started more than 10 minutes before. */
    EXPIRED,
    /** With a login page: the callback came to a browser that did not press its Continue. */
    NOT_THIS_BROWSER,
    /** The member declined at Spotify ({@code error=access_denied}). */
    CANCELLED,
    /** Spotify sent another error instead of a code. */
    SPOTIFY_ERROR,
    /** Spotify sent neither a code nor an error. */
    NO_CODE,
    /** Spotify could not exchange the code just now (down, rate-limited). */
    SPOTIFY_UNAVAILABLE,
    /**
     * Spotify refused the login because the app used up its request quota; the bot's owner could
     * not be told (not known, or their DMs are closed).
     */
    QUOTA_EXCEEDED,
    /** As {@link #QUOTA_EXCEEDED}, and the bot's owner has been told today. */
    QUOTA_EXCEEDED_OWNER_TOLD,
    /**
     * Spotify refused the account: the app is in development mode and it is not among its users.
     */
    ACCOUNT_NOT_ALLOWED,
    /** Spotify did not accept the code (expired, already used, or refused for another reason). */
    CODE_REFUSED
  }

  /**
   * A pasted address that was not used: the member's login is still waiting (nobody's state was
   * spent), so they can paste again. Only a paste has these; a callback spends its state whatever
   * happens.
   */
  enum PasteRefused implements LinkOutcome {
    /** No address in the text at all. */
    NOT_AN_ADDRESS,
    /** An address, but without a login state: another page's. */
    NO_STATE,
    /** A state no login is waiting for: made up, already used, or replaced by a newer /link. */
    UNKNOWN_STATE,
    /** Another member's login: only the member who ran /link may finish it. */
    SOMEONE_ELSES,
    /** The member's own login, started more than 10 minutes before. */
    EXPIRED,
    /** The member's own state without a code or an error: not the page Spotify sent them to. */
    NO_CODE
  }
}
