package dev.likesbot.likes;

import dev.likesbot.discord.Reply;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fits a file into Discord's uploads: as it is when it fits the limit, else zipped, else the zip
 * cut into numbered parts ({@code .001}, {@code .002}, … joined again with {@code cat}). Messages
 * carry at most {@value #FILES_PER_MESSAGE} files and together at most the limit. Files stay on
 * disk: the zip is written file to file and the parts are byte ranges of it, read only when sent.
 */
final class UploadParts {
  /** Discord's limit for a bot's upload; JDA 6.5 does not expose an interaction's own limit. */
  static final long DISCORD_LIMIT = 10L * 1024 * 1024;

  static final int FILES_PER_MESSAGE = 10;

  private UploadParts() {}

  /**
   * The messages' files, in order: one message when it fits, a few more when it does not. A zip is
   * made in {@code files}; the caller deletes what {@code files} holds once the messages are sent.
   */
  static List<List<Reply.Attachment>> of(
      String name, Path file, String description, long limit, ExportFiles.Batch files)
      throws IOException {
    long size = Files.size(file);
    if (size <= limit) {
      return List.of(List.of(new Reply.Attachment(name, Reply.FileRange.whole(file), description)));
    }
    String zipName = name.replaceFirst("\\.[^.]*$", "") + ".zip";
    Path zip = files.create(".zip");
    zip(name, file, zip);
    files.delete(file); // only the zip is sent from here
    long zipped = Files.size(zip);
    if (zipped <= limit) {
      return List.of(
          List.of(new Reply.Attachment(zipName, Reply.FileRange.whole(zip), description)));
    }
    long part = Math.max(1, limit);
    List<Reply.Attachment> parts = new ArrayList<>();
    for (long from = 0, n = 1; from < zipped; from += part, n++) {
      Reply.FileRange range = new Reply.FileRange(zip, from, Math.min(part, zipped - from));
      parts.add(new Reply.Attachment(String.format("%s.%03d", zipName, n), range, description));
    }
    return messages(parts, limit);
  }

  /** Packs files into messages in order, each within the limit and the file count. */
  private static List<List<Reply.Attachment>> messages(List<Reply.Attachment> files, long limit) {
    List<List<Reply.Attachment>> messages = new ArrayList<>();
    List<Reply.Attachment> current = new ArrayList<>();
    long size = 0;
    for (Reply.Attachment file : files) {
      long next = file.data().size();
      if (!current.isEmpty() && (current.size() == FILES_PER_MESSAGE || size + next > limit)) {
        messages.add(List.copyOf(current));
        current.clear();
        size = 0;
      }
      current.add(file);
      size += next;
    }
    if (!current.isEmpty()) {
      messages.add(List.copyOf(current));
    }
    return messages;
  }

  /** Zips {@code file} into {@code zip} as one entry named {@code name}, streaming. */
  static void zip(String name, Path file, Path zip) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip));
        ZipOutputStream zipped = new ZipOutputStream(out)) {
      zipped.putNextEntry(new ZipEntry(name));
      Files.copy(file, zipped);
      zipped.closeEntry();
    }
  }
}
