package dev.likesbot.discord;

import java.util.List;

/** How a command is registered with Discord: its name, description and subcommands. */
public record CommandSpec(String name, String description, List<Subcommand> subcommands) {
  public CommandSpec {
    subcommands = List.copyOf(subcommands);
  }

  public static CommandSpec of(String name, String description) {
    return new CommandSpec(name, description, List.of());
  }

  public record Subcommand(String name, String description) {}
}
