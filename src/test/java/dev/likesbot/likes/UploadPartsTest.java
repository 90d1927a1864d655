package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadPartsTest {
  @TempDir Path dir;

  private static byte[] unzip(byte[] zip) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      assertThat(in.getNextEntry().getName()).isEqualTo("liked-songs.csv");
      return in.readAllBytes();
    }
  }

  private static byte[] read(Reply.Attachment file) throws Exception {
    try (InputStream in = file.data().open()) {
      byte[] bytes = in.readAllBytes();
      assertThat((long) bytes.length).isEqualTo(file.data().size());
      return bytes;
    }
  }

  /** The export's file as LikesExport leaves it: written into a file of the batch. */
  private Path written(ExportFiles.Batch batch, byte[] bytes) throws Exception {
    Path file = batch.create(".csv");
    Files.write(file, bytes);
    return file;
  }

  @Test
  void aFileWithinTheLimitGoesAsItIsStraightFromDisk() throws Exception {
    byte[] file = "a,b\n".repeat(100).getBytes();
    ExportFiles.Batch batch = new ExportFiles(dir).batch();

    List<List<Reply.Attachment>> messages =
        UploadParts.of("liked-songs.csv", written(batch, file), "alt", 400, batch);

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("liked-songs.csv");
              assertThat(f.data())
                  .as("read from disk when sent")
                  .isInstanceOf(Reply.FileRange.class);
              assertThat(read(f)).isEqualTo(file);
            });
  }

  @Test
  void aFileOverTheLimitIsZippedWhenTheZipFits() throws Exception {
    byte[] file = "title,artist\n".repeat(10_000).getBytes();
    ExportFiles.Batch batch = new ExportFiles(dir).batch();
    Path csv = written(batch, file);

    List<List<Reply.Attachment>> messages =
        UploadParts.of("liked-songs.csv", csv, "alt", 10_000, batch);

    assertThat(messages).hasSize(1);
    Reply.Attachment zip = messages.get(0).get(0);
    assertThat(zip.name()).isEqualTo("liked-songs.zip");
    assertThat(zip.data()).isInstanceOf(Reply.FileRange.class);
    assertThat(zip.data().size()).isLessThanOrEqualTo(10_000);
    assertThat(unzip(read(zip))).isEqualTo(file);
    assertThat(csv).as("only the zip is kept once made").doesNotExist();
  }

  @Test
  void aZipStillTooLargeIsCutIntoNumberedPartsWithinTheLimitsThatJoinBack() throws Exception {
    byte[] file = new byte[50_000];
    new Random(7).nextBytes(file); // does not compress
    ExportFiles.Batch batch = new ExportFiles(dir).batch();

    List<List<Reply.Attachment>> messages =
        UploadParts.of("liked-songs.csv", written(batch, file), "alt", 4_000, batch);

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int n = 1;
    for (List<Reply.Attachment> message : messages) {
      assertThat(message).hasSizeBetween(1, UploadParts.FILES_PER_MESSAGE);
      assertThat(message.stream().mapToLong(f -> f.data().size()).sum()).isLessThanOrEqualTo(4_000);
      for (Reply.Attachment part : message) {
        assertThat(part.name()).isEqualTo(String.format("liked-songs.zip.%03d", n++));
        assertThat(part.data())
            .as("a range of the zip on disk")
            .isInstanceOf(Reply.FileRange.class);
        joined.writeBytes(read(part));
      }
    }
    assertThat(n - 1).isGreaterThan(10);
    assertThat(unzip(joined.toByteArray())).isEqualTo(file);
  }

  @Test
  void theFilesAreOnlyTheBotUsersAndClosingTheBatchDeletesThemAll() throws Exception {
    byte[] file = new byte[50_000];
    new Random(8).nextBytes(file);
    ExportFiles files = new ExportFiles(dir);
    ExportFiles.Batch batch = files.batch();

    UploadParts.of("liked-songs.csv", written(batch, file), "alt", 4_000, batch);

    assertThat(files.held()).as("the zip").hasSize(1);
    for (Path held : files.held()) {
      assertThat(held.getParent()).isEqualTo(dir);
      assertThat(Files.getPosixFilePermissions(held))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    batch.close();
    assertThat(files.held()).isEmpty();
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aStopDeletesTheFilesOfEveryExportStillRunning() throws Exception {
    ExportFiles files = new ExportFiles(dir);
    Path one = files.batch().create(".csv");
    Path two = files.batch().create(".json");

    files.close();

    assertThat(one).doesNotExist();
    assertThat(two).doesNotExist();
    assertThat(files.held()).isEmpty();
  }

  @Test
  void theNextStartDeletesOnlyExportFilesACrashLeftBehindMoreThanAnHourAgo() throws Exception {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    ExportFiles crashed = new ExportFiles(dir);
    Path old = crashed.batch().create(".csv");
    Path recent = crashed.batch().create(".json");
    Path someoneElses = Files.createFile(dir.resolve("other-app.csv"));
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofMinutes(61))));
    Files.setLastModifiedTime(recent, FileTime.from(now.minus(Duration.ofMinutes(59))));
    Files.setLastModifiedTime(someoneElses, FileTime.from(now.minus(Duration.ofDays(9))));

    new ExportFiles(dir).removeLeftovers(now);

    assertThat(old).doesNotExist();
    assertThat(recent).as("another instance may still be uploading it").exists();
    assertThat(someoneElses).exists();
  }
}
