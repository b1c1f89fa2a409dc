package io.sqledge.generate;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings as one line each, to keep beside the files they were found with: a generate skipped
 * because nothing changed says again what the run that wrote the files said. The fields are
 * tab-separated, with backslash, tab and line breaks escaped.
 */
final class RecordedWarnings {

  private static final int FIELDS = 8;

  private RecordedWarnings() {}

  static List<String> encode(List<Problem> warnings) {
    return warnings.stream().map(warning -> {
      Origin origin = warning.origin();
      return String.join("\t", origin.kind().name(), escape(origin.file()),
          String.valueOf(origin.line()), String.valueOf(origin.column()),
          escape(origin.property()), escape(warning.path()), escape(warning.message()),
          escape(warning.fix()));
    }).toList();
  }

  /** The warnings of {@link #encode}; a line that is not one (an older record) is left out. */
  static List<Problem> decode(List<String> lines) {
    List<Problem> warnings = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      if (fields.length != FIELDS) {
        continue;
      }
      try {
        Origin origin = new Origin(Origin.Kind.valueOf(fields[0]), unescape(fields[1]),
            Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), unescape(fields[4]));
        warnings.add(Problem.warning(origin, unescape(fields[5]), unescape(fields[6]),
            unescape(fields[7])));
      } catch (IllegalArgumentException e) {
        // not a recorded warning: skip it rather than fail a build over a stale record
      }
    }
    return warnings;
  }

  private static String escape(String text) {
    if (text == null) {
      return "\\0";
    }
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        .replace("\r", "\\r");
  }

  private static String unescape(String text) {
    if (text.equals("\\0")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      out.append(switch (next) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> next;
      });
    }
    return out.toString();
  }
}
