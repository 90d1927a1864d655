package dev.likesbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.CommandLine.Mode;
import dev.likesbot.CommandLine.UsageException;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;

/** The program's arguments: what runs, what checks, what prints the usage, what is refused. */
class CommandLineTest {

  @Test
  void noArgumentsRunsTheBotWithTheDefaultConfiguration() throws UsageException {
    assertThat(CommandLine.parse()).isEqualTo(new CommandLine(Mode.RUN, Optional.empty()));
  }

  @Test
  void aPathRunsTheBotWithThatFile() throws UsageException {
    assertThat(CommandLine.parse("conf/bot.properties"))
        .isEqualTo(new CommandLine(Mode.RUN, Optional.of("conf/bot.properties")));
  }

  @Test
  void checkTakesAnOptionalPathOnEitherSide() throws UsageException {
    assertThat(CommandLine.parse("--check"))
        .isEqualTo(new CommandLine(Mode.CHECK, Optional.empty()));
    assertThat(CommandLine.parse("--check", "my.properties"))
        .isEqualTo(new CommandLine(Mode.CHECK, Optional.of("my.properties")));
    assertThat(CommandLine.parse("my.properties", "--check"))
        .isEqualTo(new CommandLine(Mode.CHECK, Optional.of("my.properties")));
  }

  @Test
  void helpAndItsShortFormAreNotReadAsAConfigurationFile() throws UsageException {
    assertThat(CommandLine.parse("--help")).isEqualTo(new CommandLine(Mode.HELP, Optional.empty()));
    assertThat(CommandLine.parse("-h")).isEqualTo(new CommandLine(Mode.HELP, Optional.empty()));
    assertThat(CommandLine.parse("--check", "--bogus", "--help").mode()).isEqualTo(Mode.HELP);
  }

  @Test
  void theUsageSaysHowToRunCheckTheConfigFileWhereKeysAreAndTheEnvironment() {
    assertThat(CommandLine.USAGE)
        .contains("java -jar likes-bot.jar [--check] [CONFIG]")
        .contains("--check")
        .contains("-h, --help")
        .contains("BOT_CONFIG")
        .contains("bot.properties.example")
        .contains("SPOTIFY_CLIENT_SECRET")
        .contains("Exit codes");
    assertThat(CommandLine.USAGE.lines()).allSatisfy(l -> assertThat(l).hasSizeLessThan(100));
  }

  @Test
  void anUnknownOptionIsAnErrorThatNamesHelp() {
    assertThatThrownBy(() -> CommandLine.parse("--chek"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "unknown option --chek: the options are --check and --help"
                + " (see java -jar likes-bot.jar --help)");
  }

  @Test
  void twoConfigurationFilesAreAnError() {
    assertThatThrownBy(() -> CommandLine.parse("a.properties", "b.properties"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("one configuration file only, got a.properties and b.properties")
        .hasMessageContaining("--help");
  }

  @Property
  void anyOtherDashedArgumentIsRefusedNotTakenForAFile(@ForAll @NotBlank String rest) {
    String arg = "-" + rest;
    Assume.that(!arg.equals("-h") && !arg.equals("--help") && !arg.equals("--check"));

    assertThatThrownBy(() -> CommandLine.parse(arg))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--help");
  }
}
