package dev.likesbot.fake.spotify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a reader for the shared Spotify OpenAPI YAML to list a schema's declared and
 * required keys, so the fake's JSON can be checked against the spec without a YAML dependency.
 * Relies on the file's regular two-space layout.
 */
final class OpenApiSpec {

  /** A copy of the shared spec (MIT, see its LICENSE), so every checkout and CI run has it. */
  private static final String RESOURCE = "/spotify-openapi/fixed-spotify-open-api.yml";

  private final List<String> lines;

  private OpenApiSpec(List<String> lines) {
    this.lines = lines;
  }

  /** The spec from the test classpath. */
  static OpenApiSpec load() {
    try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      return new OpenApiSpec(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keys listed under every {@code required:} of the schema (its allOf parts included). */
  Set<String> required(String schema) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> block = block(schema);
    for (int i = 0; i < block.size(); i++) {
      if (block.get(i).trim().equals("required:")) {
        int indent = indent(block.get(i));
        for (int j = i + 1; j < block.size(); j++) {
          String line = block.get(j);
          if (indent(line) != indent || !line.trim().startsWith("- ")) {
            break;
          }
          keys.add(line.trim().substring(2));
        }
      }
    }
    return keys;
  }

  /** Keys declared under every {@code properties:} of the schema (its allOf parts included). */
  Set<String> properties(String schema) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> block = block(schema);
    for (int i = 0; i < block.size(); i++) {
      if (block.get(i).trim().equals("properties:")) {
        int indent = indent(block.get(i));
        for (int j = i + 1; j < block.size(); j++) {
          String line = block.get(j);
          if (line.isBlank()) {
            continue;
          }
          if (indent(line) <= indent) {
            break;
          }
          if (indent(line) == indent + 2 && line.trim().endsWith(":")) {
            String key = line.trim();
            keys.add(key.substring(0, key.length() - 1));
          }
        }
      }
    }
    return keys;
  }

  private List<String> block(String schema) {
    int schemas = lines.indexOf("  schemas:");
    int start = lines.subList(schemas, lines.size()).indexOf("    " + schema + ":");
    if (schemas < 0 || start < 0) {
      throw new IllegalArgumentException("no schema " + schema + " in the spec");
    }
    List<String> block = new ArrayList<>();
    for (int i = schemas + start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && indent(line) <= 4) {
        break;
      }
      block.add(line);
    }
    return block;
  }

  private static int indent(String line) {
    int indent = 0;
    while (indent < line.length() && line.charAt(indent) == ' ') {
      indent++;
    }
    return indent;
  }
}
