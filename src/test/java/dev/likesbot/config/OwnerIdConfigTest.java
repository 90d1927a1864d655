package dev.likesbot.config;

import static dev.likesbot.config.ConfigFixture.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bot.owner-id}: empty for the application's owner, else a Discord user id. */
class OwnerIdConfigTest {
  @TempDir Path dir;

  private BotConfig.Discord load(String properties, Map<String, String> env) throws IOException {
    return ConfigFixture.load(dir, properties, env).discord();
  }

  @Test
  void byDefaultNobodyIsNamedSoTheApplicationsOwnerIsInCharge() throws IOException {
    assertThat(load("", required()).ownerId()).isEmpty();
  }

  @Test
  void aUserIdFromTheFileOrTheEnvironmentPutsThatUserInCharge() throws IOException {
    assertThat(load("bot.owner-id=123456789012345678\n", required()).ownerId())
        .hasValue(123456789012345678L);
    Map<String, String> env = required();
    env.put("BOT_OWNER_ID", " 987654321098765432 ");
    assertThat(load("bot.owner-id=123456789012345678\n", env).ownerId())
        .hasValue(987654321098765432L);
  }

  @Test
  void aBadIdIsNamedWithItsVariableAndWhereToFindTheRightOne() {
    Map<String, String> env = required();
    env.put("BOT_OWNER_ID", "@ada");

    assertThatThrownBy(() -> load("", env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "bot.owner-id (env BOT_OWNER_ID) '@ada' is not a user id: leave it empty for the"
                + " application's owner, or right-click the owner's name in Discord (Developer"
                + " Mode on) → Copy User ID");
  }

  @Test
  void digitsBeyondWhatAnIdCanHoldAreRefusedNotACrash() {
    Map<String, String> env = required();
    env.put("BOT_OWNER_ID", "99999999999999999999");

    assertThatThrownBy(() -> load("", env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bot.owner-id (env BOT_OWNER_ID) '99999999999999999999' is not");
  }

  /** Whatever an operator pastes, it is a snowflake of digits or it is refused with the key. */
  @Property(tries = 200)
  void anythingButASnowflakeIsRefused(@ForAll @StringLength(max = 30) String pasted) {
    Map<String, String> env = required();
    env.put("BOT_OWNER_ID", pasted);
    String value = pasted.strip();
    if (value.isEmpty() || value.matches("\\d{15,20}")) {
      return; // empty means the default; a snowflake is read (the tests above)
    }
    assertThatThrownBy(() -> BotConfig.load(Path.of("absent.properties"), false, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bot.owner-id (env BOT_OWNER_ID)");
  }
}
