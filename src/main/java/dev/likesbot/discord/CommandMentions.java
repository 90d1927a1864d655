package dev.likesbot.discord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our commands as Discord's clickable mentions ({@code </link:123>}, which runs the command when
 * tapped). The id is the one Discord gave the registered command, so it is known only once the
 * registration (or, on a process that does not register, a lookup) has answered; until then a
 * command is named as plain text.
 */
final class CommandMentions {
  private final Map<String, String> mentions = new ConcurrentHashMap<>();

  /** {@code /name} as a mention when its id is known, else as plain text. */
  String of(String name) {
    return mentions.getOrDefault(name, "/" + name);
  }

  /** Remembers {@code mention} (Discord's markup for the command with its id) for {@code name}. */
  void learn(String name, String mention) {
    mentions.put(name, mention);
  }
}
