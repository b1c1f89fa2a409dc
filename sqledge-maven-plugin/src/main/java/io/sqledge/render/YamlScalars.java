package io.sqledge.render;

/**
 * Turns any string into one YAML double-quoted scalar.
 *
 * <p>This is the only way configuration values reach a manifest, so it is what makes injection
 * impossible: inside double quotes, colons, {@code #}, {@code ---}, {@code {{}}}, and leading
 * {@code *}, {@code &}, {@code !} or {@code -} are plain characters, and every character that could
 * end the scalar or the line (quote, backslash, line breaks, control characters) is escaped. A
 * value can therefore never add a key or a document.
 */
public final class YamlScalars {

  private YamlScalars() {}

  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        case '\u0085' -> out.append("\\N");
        case '\u00A0' -> out.append("\\_");
        case '\u2028' -> out.append("\\L");
        case '\u2029' -> out.append("\\P");
        default -> {
          if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\uFEFF') {
            out.append(String.format("\\u%04X", (int) c));
          } else if (Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
            // A lone surrogate cannot be written in UTF-8; YAML has no escape for it either.
            out.append("\\uFFFD");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isPairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
