package dev.likesbot.web;

import dev.likesbot.link.LinkOutcome;
import dev.likesbot.link.LoginStep;
import dev.likesbot.store.Sha256;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * The HTML pages a member's browser sees: one card with the bot's name, what happened and the next
 * step, readable on a phone and a desktop, light or dark as the system is. Every value goes through
 * the OWASP encoder; the only style is {@link #STYLE}, allowed by its hash, and there is no script.
 */
final class Pages {
  static final String BOT = "likes-bot";
  static final String BACK_TO_DISCORD = "You can close this tab and go back to Discord.";
  static final String OPEN_DISCORD = "Open Discord";

  /** Discord's app, where the channel /link was run in is not known. */
  static final String DISCORD_APP = "https://discord.com/app";

  static final String STYLE =
      ":root{color-scheme:light dark;--bg:#f3f4f7;--card:#fff;--text:#1b1d22;--muted:#5a606c;"
          + "--line:#dde0e6;--accent:#1db954;--on-accent:#04210f;--warn:#fff5d6;--warn-line:#e2be4f}"
          + "@media (prefers-color-scheme:dark){:root{--bg:#101215;--card:#1a1d22;--text:#eceef2;"
          + "--muted:#a4aab5;--line:#2e323a;--warn:#2c2614;--warn-line:#7c6522}}"
          + "*{box-sizing:border-box}"
          + "body{margin:0;min-height:100vh;display:flex;align-items:flex-start;"
          + "justify-content:center;padding:clamp(16px,8vh,72px) 16px;background:var(--bg);"
          + "color:var(--text);font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
          + "main{width:100%;max-width:34rem;background:var(--card);border:1px solid var(--line);"
          + "border-radius:16px;padding:28px 24px 22px}"
          + ".bot{margin:0 0 14px;font-size:.8rem;font-weight:700;letter-spacing:.06em;"
          + "text-transform:uppercase;color:var(--muted)}"
          + "h1{margin:0 0 14px;font-size:1.45rem;line-height:1.25}"
          + "p{margin:0 0 12px}strong{overflow-wrap:anywhere}"
          + ".who{background:var(--warn);border:1px solid var(--warn-line);border-radius:10px;"
          + "padding:12px 14px}"
          + "form{margin:18px 0 6px}"
          + "button{display:block;width:100%;padding:14px 18px;border:0;border-radius:999px;"
          + "background:var(--accent);color:var(--on-accent);font:inherit;font-weight:700;"
          + "cursor:pointer}button:focus-visible{outline:3px solid var(--text);outline-offset:3px}"
          + "a.button{display:block;margin:18px 0 6px;padding:14px 18px;border-radius:999px;"
          + "background:var(--accent);color:var(--on-accent);font-weight:700;text-align:center;"
          + "text-decoration:none}a.button:focus-visible{outline:3px solid var(--text);"
          + "outline-offset:3px}"
          + ".hint{font-size:.9rem;color:var(--muted)}"
          + ".next{margin:18px 0 0;padding-top:14px;border-top:1px solid var(--line);"
          + "color:var(--muted)}";

  static final String UNKNOWN_STATE =
      "This login link is unknown or was already used — run /link to get a new one.";
  static final String EXPIRED_STATE = "This login link expired — run /link to get a new one.";

  /** The CSP source that allows {@link #STYLE} and nothing else. */
  static final String STYLE_SOURCE =
      "'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(STYLE)) + "'";

  private Pages() {}

  /** One page; {@code bodyHtml} is built by the methods below from encoded values only. */
  private static String page(String title, String heading, String bodyHtml, String nextStep) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"color-scheme\" content=\"light dark\">"
        + "<meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>"
        + Encode.forHtml(title + " — " + BOT)
        + "</title><style>"
        + STYLE
        + "</style></head>\n<body><main>\n<p class=\"bot\">"
        + Encode.forHtml(BOT)
        + "</p>\n<h1>"
        + Encode.forHtml(heading)
        + "</h1>\n"
        + bodyHtml
        + "<p class=\"next\">"
        + Encode.forHtml(nextStep)
        + "</p>\n</main></body></html>\n";
  }

  private static String paragraph(String text) {
    return "<p>" + Encode.forHtml(text) + "</p>\n";
  }

  /** A plain page: what happened, one line of why, and the way back to Discord. */
  static String message(String title, String line) {
    return page(title, title, paragraph(line), BACK_TO_DISCORD);
  }

  /** The callback linked the account; the Open Discord button opens Discord's app. */
  static String linked(String spotifyName, String discordName, String discordHandle) {
    return linked(spotifyName, discordName, discordHandle, DISCORD_APP);
  }

  /**
   * The callback linked the account; the Open Discord button leads to {@code discordUrl}, the
   * channel where the member ran /link ({@link #DISCORD_APP} when not known). Only an https link to
   * discord.com is used.
   */
  static String linked(
      String spotifyName, String discordName, String discordHandle, String discordUrl) {
    String back = discordUrl.startsWith("https://discord.com/") ? discordUrl : DISCORD_APP;
    return page(
        "Spotify linked",
        "Spotify linked",
        "<p>Spotify account <strong>"
            + isolated(spotifyName)
            + "</strong> is now linked to Discord member <strong>"
            + memberHtml(discordName, discordHandle)
            + "</strong>.</p>\n"
            + paragraph("In Discord, try /likes count or /likes random.")
            + "<a class=\"button\" href=\""
            + Encode.forHtmlAttribute(back)
            + "\">"
            + Encode.forHtml(OPEN_DISCORD)
            + "</a>\n",
        BACK_TO_DISCORD);
  }

  /** The callback linked nothing; {@code reason} says why and what to do. */
  static String notLinked(String reason) {
    return message("Not linked", reason);
  }

  /** The callback linked nothing, for this reason; the title says which. */
  static String notLinked(LinkOutcome.Refused refused) {
    return notLinked(refused, Optional.empty());
  }

  private static final String QUOTA =
      "This bot has used up its Spotify request quota for now, so nothing was linked — run /link"
          + " again later.";

  /** The callback linked nothing, for this reason; {@code ownerName} names the bot's owner. */
  static String notLinked(LinkOutcome.Refused refused, Optional<String> ownerName) {
    return message(
        title(refused),
        switch (refused) {
          case NO_STATE ->
              "This page needs the link from /link: run /link in Discord and use the button it"
                  + " sends you.";
          case UNKNOWN_STATE -> UNKNOWN_STATE;
          case EXPIRED -> EXPIRED_STATE;
          case NOT_THIS_BROWSER ->
              "This Spotify login was not started in this browser, so nothing was linked. Run"
                  + " /link in Discord again, then open its button and log in to Spotify in one"
                  + " browser.";
          case CANCELLED -> "Link cancelled — run /link to try again.";
          case SPOTIFY_ERROR -> "Spotify could not log you in — run /link to try again.";
          case NO_CODE -> "Spotify sent no login code — run /link to try again.";
          case SPOTIFY_UNAVAILABLE ->
              "Spotify is having trouble right now — run /link again in a minute.";
          case QUOTA_EXCEEDED -> QUOTA + " If it lasts, let " + owner(ownerName) + " know.";
          case QUOTA_EXCEEDED_OWNER_TOLD -> QUOTA + " The bot's owner has been told.";
          case ACCOUNT_NOT_ALLOWED ->
              "Spotify refused this account: this bot's Spotify app lets in only the accounts its"
                  + " owner added. Send "
                  + owner(ownerName)
                  + " the e-mail address of your Spotify account; once they have added it in the"
                  + " Spotify developer dashboard, run /link again.";
          case CODE_REFUSED ->
              "Spotify did not accept this login (it may have expired) — run /link again.";
        });
  }

  /** A failure of ours; {@code errorId} is in the log line with the cause. */
  static String failed(String errorId, Optional<String> ownerName) {
    return message(
        "Something went wrong",
        "Run /link in Discord to try again. If it keeps happening, tell "
            + owner(ownerName)
            + " the error id "
            + errorId
            + ".");
  }

  /** The bot's owner in running text: by name when known (a page cannot show a mention). */
  private static String owner(Optional<String> ownerName) {
    return ownerName
        .map(name -> "the bot's owner, " + member(name, "") + ",")
        .orElse("the bot's owner");
  }

  /**
   * What happened, in the few words a tab or a screen reader shows first (the page's title and
   * heading).
   */
  static String title(LinkOutcome.Refused refused) {
    return switch (refused) {
      case NO_STATE -> "Not linked: no login link";
      case UNKNOWN_STATE -> "Login link unknown or used";
      case EXPIRED -> "Login link expired";
      case NOT_THIS_BROWSER -> "Not linked: another browser";
      case CANCELLED -> "Link cancelled";
      case SPOTIFY_ERROR, NO_CODE -> "Spotify login failed";
      case SPOTIFY_UNAVAILABLE -> "Spotify unavailable";
      case QUOTA_EXCEEDED, QUOTA_EXCEEDED_OWNER_TOLD -> "Spotify quota used up";
      case ACCOUNT_NOT_ALLOWED -> "Spotify account not allowed";
      case CODE_REFUSED -> "Spotify login not accepted";
    };
  }

  static String title(LoginStep.Unusable unusable) {
    return switch (unusable) {
      case UNKNOWN_STATE -> title(LinkOutcome.Refused.UNKNOWN_STATE);
      case EXPIRED -> title(LinkOutcome.Refused.EXPIRED);
    };
  }

  /** The login page of a state that cannot be continued. */
  static String unusableLogin(LoginStep.Unusable unusable) {
    return message(
        title(unusable),
        switch (unusable) {
          case UNKNOWN_STATE -> UNKNOWN_STATE;
          case EXPIRED -> EXPIRED_STATE;
        });
  }

  /**
   * The login page of a public deployment: whose /link this is, and a Continue that posts to {@code
   * action} (a path of this server).
   */
  static String confirm(String discordName, String discordHandle, String action) {
    return page(
        "Link Spotify to " + accountText(discordName, discordHandle) + "?",
        "Link your Spotify account",
        "<p class=\"who\">This login link is for "
            + accountHtml(discordName, discordHandle)
            + ". It was made when they ran /link.</p>\n"
            + paragraph(
                "Continue only if you ran /link yourself. If someone sent you this link, close"
                    + " this tab: continuing would let their Discord account read your Spotify"
                    + " Liked Songs.")
            + "<form method=\"post\" action=\""
            + Encode.forHtmlAttribute(action)
            + "\"><button type=\"submit\">Continue to Spotify</button></form>\n"
            + "<p class=\"hint\">"
            + Encode.forHtml(
                "Spotify then shows which Spotify account you are linking. Finish in this"
                    + " browser.")
            + "</p>\n",
        "Not you? Close this tab and go back to Discord; nothing has been linked.");
  }

  /**
   * Whose login this is, username first and labelled: a display name is free text ("Victor
   * (@victor)") and must not pass for the username, which nobody else can have.
   */
  private static String accountHtml(String discordName, String discordHandle) {
    if (discordHandle.isEmpty()) {
      return "Discord member <strong>" + memberHtml(discordName, "") + "</strong>";
    }
    String account = "the Discord account <strong>@" + isolated(discordHandle) + "</strong>";
    return discordName.isEmpty() || discordName.equals(discordHandle)
        ? account
        : account + " (display name <strong>" + isolated(discordName) + "</strong>)";
  }

  /** Whose login this is, in a title: the username, or the name where it is unknown. */
  private static String accountText(String discordName, String discordHandle) {
    return discordHandle.isEmpty() ? member(discordName, "") : "@" + member(discordHandle, "");
  }

  /** The member as plain text (a title cannot isolate), without direction controls. */
  static String member(String discordName, String discordHandle) {
    return member(discordName, discordHandle, name -> BIDI_CONTROLS.matcher(name).replaceAll(""));
  }

  /** The member as HTML, each name escaped and isolated. */
  private static String memberHtml(String discordName, String discordHandle) {
    return member(discordName, discordHandle, Pages::isolated);
  }

  /**
   * "Name (@username)", or the one name when both are the same or the username is unknown; {@code
   * show} renders each name.
   */
  private static String member(
      String discordName, String discordHandle, UnaryOperator<String> show) {
    if (discordHandle.isEmpty() || discordHandle.equals(discordName)) {
      return discordName.isEmpty() ? "(no name)" : show.apply(discordName);
    }
    return discordName.isEmpty()
        ? "@" + show.apply(discordHandle)
        : show.apply(discordName) + " (@" + show.apply(discordHandle) + ")";
  }

  /**
   * A name from outside in running text: escaped, and in {@code <bdi>} so direction controls in it
   * (a right-to-left override) cannot reorder the text around it, such as the username after a
   * display name on the page that says whose link this is.
   */
  private static String isolated(String name) {
    return "<bdi>" + Encode.forHtml(name) + "</bdi>";
  }

  private static final Pattern BIDI_CONTROLS =
      Pattern.compile("[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
}
