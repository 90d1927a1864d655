package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class UploadPartsTest {

  private static byte[] unzip(byte[] zip) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      assertThat(in.getNextEntry().getName()).isEqualTo("liked-songs.csv");
      return in.readAllBytes();
    }
  }

  @Test
  void aFileWithinTheLimitGoesAsItIs() {
    byte[] file = "a,b\n".repeat(100).getBytes();

    List<List<Reply.Attachment>> messages = UploadParts.of("liked-songs.csv", file, "alt", 400);

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("liked-songs.csv");
              assertThat(f.bytes()).isEqualTo(file);
            });
  }

  @Test
  void aFileOverTheLimitIsZippedWhenTheZipFits() throws Exception {
    byte[] file = "title,artist\n".repeat(10_000).getBytes();

    List<List<Reply.Attachment>> messages = UploadParts.of("liked-songs.csv", file, "alt", 10_000);

    assertThat(messages).hasSize(1);
    Reply.Attachment zip = messages.get(0).get(0);
    assertThat(zip.name()).isEqualTo("liked-songs.zip");
    assertThat(zip.bytes().length).isLessThanOrEqualTo(10_000);
    assertThat(unzip(zip.bytes())).isEqualTo(file);
  }

  @Test
  void aZipStillTooLargeIsCutIntoNumberedPartsWithinTheLimitsThatJoinBack() throws Exception {
    byte[] file = new byte[50_000];
    new Random(7).nextBytes(file); // does not compress

    List<List<Reply.Attachment>> messages = UploadParts.of("liked-songs.csv", file, "alt", 4_000);

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int n = 1;
    for (List<Reply.Attachment> message : messages) {
      assertThat(message).hasSizeBetween(1, UploadParts.FILES_PER_MESSAGE);
      assertThat(message.stream().mapToLong(f -> f.bytes().length).sum())
          .isLessThanOrEqualTo(4_000);
      for (Reply.Attachment part : message) {
        assertThat(part.name()).isEqualTo(String.format("liked-songs.zip.%03d", n++));
        joined.writeBytes(part.bytes());
      }
    }
    assertThat(n - 1).isGreaterThan(10);
    assertThat(unzip(joined.toByteArray())).isEqualTo(file);
  }
}
