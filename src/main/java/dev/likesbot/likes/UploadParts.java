package dev.likesbot.likes;

import dev.likesbot.discord.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fits a file into Discord's uploads: as it is when it fits the limit, else zipped, else the zip
 * cut into numbered parts ({@code .001}, {@code .002}, … joined again with {@code cat}). Messages
 * carry at most {@value #FILES_PER_MESSAGE} files and together at most the limit.
 */
final class UploadParts {
  /** Discord's limit for a bot's upload; JDA 6.5 does not expose an interaction's own limit. */
  static final long DISCORD_LIMIT = 10L * 1024 * 1024;

  static final int FILES_PER_MESSAGE = 10;

  private UploadParts() {}

  /** The messages' files, in order: one message when it fits, a few more when it does not. */
  static List<List<Reply.Attachment>> of(
      String name, byte[] bytes, String description, long limit) {
    if (bytes.length <= limit) {
      return List.of(List.of(new Reply.Attachment(name, bytes, description)));
    }
    String zipName = name.replaceFirst("\\.[^.]*$", "") + ".zip";
    byte[] zipped = zip(name, bytes);
    if (zipped.length <= limit) {
      return List.of(List.of(new Reply.Attachment(zipName, zipped, description)));
    }
    int part = (int) Math.max(1, Math.min(limit, Integer.MAX_VALUE));
    List<Reply.Attachment> parts = new ArrayList<>();
    for (int from = 0, n = 1; from < zipped.length; from += part, n++) {
      byte[] piece = Arrays.copyOfRange(zipped, from, Math.min(zipped.length, from + part));
      parts.add(new Reply.Attachment(String.format("%s.%03d", zipName, n), piece, description));
    }
    return messages(parts, limit);
  }

  /** Packs files into messages in order, each within the limit and the file count. */
  private static List<List<Reply.Attachment>> messages(List<Reply.Attachment> files, long limit) {
    List<List<Reply.Attachment>> messages = new ArrayList<>();
    List<Reply.Attachment> current = new ArrayList<>();
    long size = 0;
    for (Reply.Attachment file : files) {
      if (!current.isEmpty()
          && (current.size() == FILES_PER_MESSAGE || size + file.bytes().length > limit)) {
        messages.add(List.copyOf(current));
        current.clear();
        size = 0;
      }
      current.add(file);
      size += file.bytes().length;
    }
    if (!current.isEmpty()) {
      messages.add(List.copyOf(current));
    }
    return messages;
  }

  static byte[] zip(String name, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(bytes);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    return out.toByteArray();
  }
}
