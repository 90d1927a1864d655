package dev.likesbot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generated encryption key on disk: base64 of 32 bytes, readable by its owner only. */
final class KeyFile {
  private static final Logger log = LoggerFactory.getLogger(KeyFile.class);

  private KeyFile() {}

  static byte[] read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new StoreException(
          "cannot read the key file store.key-file="
              + file.toAbsolutePath()
              + ": "
              + e.getMessage()
              + " (make it readable by the bot's user)",
          null);
    }
    try {
      byte[] key = Base64.getDecoder().decode(text);
      if (key.length == TokenCipher.KEY_BYTES) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, without the content
    }
    throw new StoreException(
        "the key file store.key-file="
            + file.toAbsolutePath()
            + " does not hold base64 of 32 bytes: restore it from your backup",
        null);
  }

  /**
   * Writes a new random key to {@code file}, owner-only from its first byte, and never over an
   * existing file: when another start won the race its key is read instead, so starts sharing the
   * path all end with the one key on disk.
   *
   * <p>The key is written whole to a temporary file in the same directory and then hard-linked to
   * its name: {@code link(2)} fails atomically when the name exists, where {@code rename(2)} (and
   * so {@link Files#move}) would silently replace a key another start already uses, and creating
   * the file in place would let a racing start read it half written.
   */
  static byte[] generate(Path file, SecureRandom random) {
    byte[] key = new byte[TokenCipher.KEY_BYTES];
    random.nextBytes(key);
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      temp =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dir,
                  ".likes-bot-key",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, ".likes-bot-key", ".tmp");
      byte[] text =
          (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(text));
        out.force(true); // on disk before it has its name: a crash must not leave an empty key
      }
      publish(temp, absolute);
      syncQuietly(dir);
    } catch (FileAlreadyExistsException e) {
      return read(absolute);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the key file store.key-file="
              + absolute
              + ": "
              + e.getMessage()
              + " (make its directory writable, or set store.encryption-key)",
          null);
    } finally {
      deleteQuietly(temp);
    }
    log.warn(
        "Generated a new encryption key in {}. Back it up now, with the database: without it"
            + " every member has to /link again.",
        absolute);
    return key;
  }

  /** Gives the written key its name, failing with FileAlreadyExistsException if it has one. */
  private static void publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      // A file system without hard links: a plain move, which refuses an existing name but,
      // unlike a link, can lose a race that two first starts run at the same instant.
      log.debug("Cannot hard-link the key file ({}); moving it into place", e.toString());
      Files.move(temp, file);
    }
  }

  /** Makes the new name itself survive a crash; not every platform can open a directory. */
  private static void syncQuietly(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      log.debug("Could not sync {}: {}", dir, e.toString());
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", temp, e.toString());
    }
  }
}
