package dev.likesbot.fake.discord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal multipart/form-data reader for JDA uploads: a {@code payload_json} part plus file parts.
 * Hand-rolled because the servlet multipart machinery needs extra configuration for a tiny need.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  /** Parsed request: the JSON payload text (or null) and the uploaded files. */
  record Parsed(String payloadJson, List<Payloads.Upload> files) {}

  static Parsed parse(String contentType, byte[] body) {
    Matcher boundaryMatch = BOUNDARY.matcher(contentType);
    if (!boundaryMatch.find()) {
      throw new IllegalArgumentException("multipart request without boundary: " + contentType);
    }
    // ISO-8859-1 maps bytes 1:1 to chars, so indexes are byte offsets.
    String raw = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundaryMatch.group(1);
    String payloadJson = null;
    List<Payloads.Upload> files = new ArrayList<>();
    int start = raw.indexOf(delimiter);
    while (start >= 0) {
      int partStart = start + delimiter.length();
      if (raw.startsWith("--", partStart)) {
        break; // closing delimiter
      }
      int next = raw.indexOf("\r\n" + delimiter, partStart);
      if (next < 0) {
        throw new IllegalArgumentException("unterminated multipart body");
      }
      String part = raw.substring(partStart + 2, next); // skip CRLF after the delimiter
      int headerEnd = part.indexOf("\r\n\r\n");
      String headers = part.substring(0, headerEnd);
      String content = part.substring(headerEnd + 4);
      String name = group(NAME, headers);
      String filename = group(FILENAME, headers);
      if (filename == null && "payload_json".equals(name)) {
        payloadJson =
            new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      } else if (filename != null) {
        files.add(
            new Payloads.Upload(
                name,
                filename,
                partContentType(headers),
                content.getBytes(StandardCharsets.ISO_8859_1)));
      }
      start = next + 2;
    }
    return new Parsed(payloadJson, List.copyOf(files));
  }

  private static String partContentType(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        return line.substring("content-type:".length()).trim();
      }
    }
    return null;
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }
}
