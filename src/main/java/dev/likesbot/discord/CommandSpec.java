package dev.likesbot.discord;

import dev.likesbot.text.Texts;
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

  /**
   * A command described by the texts' bundle: every description (the command's, its subcommands'
   * and their options') is the English text under the key JDA's localization asks for ({@code
   * likes.description}, {@code likes.count.description}, {@code
   * likes.count.options.private.description}), and the other languages' files translate the same
   * keys. The names given here are the real ones.
   */
  public static CommandSpec described(String name, Subcommand... subcommands) {
    Texts english = Texts.ENGLISH;
    return new CommandSpec(
        name,
        english.get(name + ".description"),
        List.of(),
        List.of(subcommands).stream()
            .map(
                s -> {
                  String key = name + "." + s.name();
                  return new Subcommand(
                      s.name(),
                      english.get(key + ".description"),
                      s.options().stream()
                          .map(
                              o ->
                                  new Option(
                                      o.name(),
                                      english.get(key + ".options." + o.name() + ".description"),
                                      o.type(),
                                      o.required(),
                                      o.min(),
                                      o.choices()))
                          .toList());
                })
            .toList());
  }

  public record Subcommand(String name, String description, List<Option> options) {
    public Subcommand {
      options = List.copyOf(options);
    }

    public Subcommand(String name, String description) {
      this(name, description, List.of());
    }

    /** For {@link #described}, which fills in the description. */
    public Subcommand(String name, List<Option> options) {
      this(name, "", options);
    }
  }

  /**
   * {@code min}: the least integer Discord's client lets a member give, if any; {@code choices}:
   * the only values a string option takes (the value is also the name shown).
   */
  public record Option(
      String name,
      String description,
      Type type,
      boolean required,
      OptionalLong min,
      List<String> choices) {
    public enum Type {
      BOOLEAN,
      INTEGER,
      STRING
    }

    /** An optional option for {@link #described}, which fills in the description. */
    public Option(String name, Type type) {
      this(name, "", type, false);
    }

    public Option {
      choices = List.copyOf(choices);
      if (min.isPresent() && type != Type.INTEGER) {
        throw new IllegalArgumentException("only an integer option has a minimum: " + name);
      }
      if (!choices.isEmpty() && type != Type.STRING) {
        throw new IllegalArgumentException("only a string option has choices here: " + name);
      }
    }

    public Option(String name, String description, Type type, boolean required) {
      this(name, description, type, required, OptionalLong.empty(), List.of());
    }

    public Option withMin(long min) {
      return new Option(name, description, type, required, OptionalLong.of(min), choices);
    }

    public Option withChoices(String... values) {
      return new Option(name, description, type, required, min, List.of(values));
    }
  }
}
