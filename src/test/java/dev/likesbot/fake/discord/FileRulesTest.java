package dev.likesbot.fake.discord;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake refuses uploads as Discord does: file count, total size, alt text length. */
class FileRulesTest {

  private static ObjectNode body(int files, String description) {
    ObjectNode body = Payloads.object();
    ArrayNode attachments = body.putArray("attachments");
    for (int i = 0; i < files; i++) {
      attachments.addObject().put("id", i).put("description", description);
    }
    return body;
  }

  private static List<Payloads.Upload> files(int n, int bytes) {
    List<Payloads.Upload> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(new Payloads.Upload("files[" + i + "]", i + ".png", "image/png", new byte[bytes]));
    }
    return files;
  }

  @Test
  void tenFilesWithAltTextOf1024AreAccepted() {
    assertThatCode(() -> MessageRules.checkFiles(body(10, "a".repeat(1024)), files(10, 1_000)))
        .doesNotThrowAnyException();
  }

  @Test
  void elevenFilesAreRefused() {
    assertThatThrownBy(() -> MessageRules.checkFiles(body(11, ""), files(11, 10)))
        .isInstanceOf(DiscordError.class);
  }

  @Test
  void altTextOver1024IsRefused() {
    assertThatThrownBy(() -> MessageRules.checkFiles(body(1, "a".repeat(1025)), files(1, 10)))
        .isInstanceOf(DiscordError.class);
  }

  @Test
  void moreThanTenMebibytesTogetherAreRefused() {
    assertThatThrownBy(() -> MessageRules.checkFiles(body(2, ""), files(2, 5 * 1024 * 1024 + 1)))
        .isInstanceOf(DiscordError.class);
  }
}
