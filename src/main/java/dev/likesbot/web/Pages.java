package dev.likesbot.web;

/** The plain HTML pages a member's browser sees; every value is escaped. */
final class Pages {
  private Pages() {}

  static String page(String heading, String line) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>likes-bot</title></head>\n<body><h1>"
        + escape(heading)
        + "</h1>\n<p>"
        + escape(line)
        + "</p></body></html>\n";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
