package dev.likesbot.discord;

import java.util.List;
import java.util.OptionalLong;

/** How a command is registered with Discord: name, description, options and subcommands. */
public record CommandSpec(
    String name, String description, List<Option> options, List<Subcommand> subcommands) {
  public CommandSpec {
    options = List.copyOf(options);
    subcommands = List.copyOf(subcommands);
  }

  public static CommandSpec of(String name, String description) {
    return new CommandSpec(name, description, List.of(), List.of());
  }

  public static CommandSpec withSubcommands(
      String name, String description, Subcommand... subcommands) {
    return new CommandSpec(name, description, List.of(), List.of(subcommands));
  }

  public record Subcommand(String name, String description, List<Option> options) {
    public Subcommand {
      options = List.copyOf(options);
    }

    public Subcommand(String name, String description) {
      this(name, description, List.of());
    }
  }

  /** {@code min}: the least integer Discord's client lets a member give, if any. */
  public record Option(
      String name, String description, Type type, boolean required, OptionalLong min) {
    public enum Type {
      BOOLEAN,
      INTEGER
    }

    public Option {
      if (min.isPresent() && type != Type.INTEGER) {
        throw new IllegalArgumentException("only an integer option has a minimum: " + name);
      }
    }

    public Option(String name, String description, Type type, boolean required) {
      this(name, description, type, required, OptionalLong.empty());
    }

    public Option withMin(long min) {
      return new Option(name, description, type, required, OptionalLong.of(min));
    }
  }
}
