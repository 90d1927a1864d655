package dev.likesbot.tokens;

/** The member has no Spotify link (never linked, unlinked, or their grant ended). */
public final class NotLinkedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotLinkedException() {
    super("not linked", null, false, false);
  }
}
