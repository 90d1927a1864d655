package dev.likesbot.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * existing file: when another instance won the race its key is read instead.
   */
  static byte[] generate(Path file, SecureRandom random) {
    byte[] key = new byte[TokenCipher.KEY_BYTES];
    random.nextBytes(key);
    Path absolute = file.toAbsolutePath();
    Path temp = null;
    try {
      Path dir = absolute.getParent();
      temp =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dir,
                  ".likes-bot-key",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, ".likes-bot-key", ".tmp");
      Files.writeString(
          temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, absolute);
      temp = null;
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
