package dev.likesbot.likes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files exports write on disk instead of holding a library in the heap: created in
 * {@code dir} (the JVM's {@code java.io.tmpdir}) readable only by the bot's user, deleted by the
 * export once its upload finished or failed, whatever is left at a stop, and what a crash left at
 * the next start.
 */
final class ExportFiles implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);
  private static final String PREFIX = "likes-export-";
  static final Duration LEFT_OVER_AFTER = Duration.ofHours(1);

  private final Path dir;
  private final Set<Path> held = ConcurrentHashMap.newKeySet();

  ExportFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * Deletes the files a crashed process left behind: an export's file older than an hour cannot be
   * in use (Discord's interaction lasts 15 minutes), whichever instance sharing the directory wrote
   * it. A failure is only logged.
   */
  void removeLeftovers(Instant now) {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path file : old) {
        if (Files.getLastModifiedTime(file).toInstant().plus(LEFT_OVER_AFTER).isBefore(now)) {
          Files.deleteIfExists(file);
          log.info("Deleted {}, an export file left behind by a crash", file.getFileName());
        }
      }
    } catch (IOException e) {
      log.warn("Could not look for export files left behind in {}: {}", dir, e.toString());
    }
  }

  /** A new empty file only the bot's user may read or write (someone's whole library). */
  Path create(String suffix) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnly =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0]; // elsewhere createTempFile's own defaults apply
    Path file = Files.createTempFile(dir, PREFIX, suffix, ownerOnly);
    held.add(file);
    return file;
  }

  /** Deletes {@code file}; a failure is only logged (the file is tried again at the stop). */
  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
      held.remove(file);
    } catch (IOException e) {
      log.warn("Could not delete the temporary export file {}: {}", file, e.toString());
    }
  }

  /** A new batch: the files of one export, deleted together when it ends. */
  Batch batch() {
    return new Batch();
  }

  /** The files of one export. */
  final class Batch implements AutoCloseable {
    private final List<Path> files = new CopyOnWriteArrayList<>();

    private Batch() {}

    Path create(String suffix) throws IOException {
      Path file = ExportFiles.this.create(suffix);
      files.add(file);
      return file;
    }

    /** Deletes one file early (it is no longer needed). */
    void delete(Path file) {
      ExportFiles.this.delete(file);
    }

    /** Deletes every file of the export. */
    @Override
    public void close() {
      files.forEach(ExportFiles.this::delete);
    }
  }

  /** The files held now, for tests that check none is left behind. */
  List<Path> held() {
    return List.copyOf(held);
  }

  /** Deletes every file still held: the exports using them are abandoned. */
  @Override
  public void close() {
    held.forEach(this::delete);
  }
}
