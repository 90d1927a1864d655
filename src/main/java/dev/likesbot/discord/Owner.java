package dev.likesbot.discord;

import dev.likesbot.text.Texts;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who is in charge of the bot: {@code bot.owner-id}, else the application's owner as Discord
 * reports it (for an application owned by a team, the team's owner). Known once {@link DiscordBot}
 * has asked Discord after start; until then, or if Discord could not say, nobody is named and
 * members read "the bot's owner".
 */
public final class Owner {
  /** The owner's Discord user id and, when Discord told it, their name (else empty). */
  record Known(String id, String name) {}

  private final AtomicReference<Known> known = new AtomicReference<>();

  /** Nobody yet. */
  public Owner() {}

  void known(String id, String name) {
    known.set(new Known(id, name == null ? "" : name));
  }

  /** The owner's Discord user id, once known. */
  public Optional<String> id() {
    return Optional.ofNullable(known.get()).map(Known::id);
  }

  /** The owner's name as Discord shows it, once known; for pages, which cannot show a mention. */
  public Optional<String> name() {
    return Optional.ofNullable(known.get()).map(Known::name).filter(n -> !n.isEmpty());
  }

  /** The owner in a Discord message: a mention with who they are, or "the bot's owner". */
  String mention(Texts texts) {
    Known k = known.get();
    return k == null ? texts.get("owner.unnamed") : texts.get("owner.mention", "<@" + k.id() + ">");
  }
}
