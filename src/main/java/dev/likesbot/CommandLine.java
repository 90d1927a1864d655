package dev.likesbot;

import java.util.Optional;

/**
 * The program's arguments: {@code [--check] [config file]}, or {@code --help}. Anything else that
 * starts with {@code -} is a mistake, never a file name, so a mistyped option is not read as a
 * missing configuration file.
 *
 * @param configFile the file named on the command line, if any
 */
record CommandLine(Mode mode, Optional<String> configFile) {

  enum Mode {
    RUN,
    CHECK,
    HELP
  }

  /** What {@code --help} prints. */
  static final String USAGE =
      """
      Usage: java -jar likes-bot.jar [--check] [CONFIG]

      Runs the likes-bot Discord bot until it gets SIGTERM or Ctrl+C.

        CONFIG       the configuration file; default: the BOT_CONFIG environment variable,
                     else bot.properties in the working directory. Every key is explained in
                     bot.properties.example and in the README's "Configuration" table.
        --check      checks the configuration, the store, Discord, Spotify, the redirect URI
                     and the web port without starting the bot, and prints the fix for each
                     failure; exits 0 when every check passes, 1 otherwise
        -h, --help   prints this and exits

      Environment:
        BOT_CONFIG   the configuration file, when CONFIG is not given
        Every key can also be set as an environment variable, which overrides the file:
        upper case, with '.' and '-' turned into '_' (spotify.client-secret is
        SPOTIFY_CLIENT_SECRET, discord.token is DISCORD_TOKEN).

      Exit codes: 0 stopped cleanly or every check passed, 1 a check failed, 2 a configuration
      or command-line error, 3 Discord, the store or the web server could not start.
      """;

  /** A command line that cannot be run; the message names {@code --help}. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String problem) {
      super(problem + " (see java -jar likes-bot.jar --help)");
    }
  }

  static CommandLine parse(String... args) throws UsageException {
    boolean check = false;
    String file = null;
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        // Asking for help wins over any mistake next to it.
        return new CommandLine(Mode.HELP, Optional.empty());
      }
    }
    for (String arg : args) {
      if (arg.equals("--check")) {
        check = true;
      } else if (arg.startsWith("-")) {
        throw new UsageException("unknown option " + arg + ": the options are --check and --help");
      } else if (file != null) {
        throw new UsageException("one configuration file only, got " + file + " and " + arg);
      } else {
        file = arg;
      }
    }
    return new CommandLine(check ? Mode.CHECK : Mode.RUN, Optional.ofNullable(file));
  }
}
