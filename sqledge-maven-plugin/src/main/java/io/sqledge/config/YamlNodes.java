package io.sqledge.config;

import io.sqledge.diagnostic.Problem;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** What a composed YAML node holds, as SnakeYAML's YAML 1.1 resolver reads it, and in words. */
final class YamlNodes {

  private YamlNodes() {}

  static boolean isYamlInt(String text) {
    try {
      parseYamlInt(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** YAML 1.1's true: {@code true}, {@code yes}, {@code on}, {@code y}, in any case. */
  static boolean isTrue(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y");
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  /**
   * What a value is, where a map or a list belongs, by kind only: a single value there is often a
   * secret put in the wrong place (a whole file that holds only a password, a token where a map
   * of settings belongs), so its text is never quoted.
   */
  static String describeNode(Node node) {
    if (node.getNodeId() == NodeId.mapping) {
      return "a map";
    }
    if (node.getNodeId() == NodeId.sequence) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    if (scalar.getTag().equals(Tag.NULL)) {
      return "empty";
    }
    if (scalar.getTag().equals(Tag.BOOL)) {
      return "a boolean";
    }
    if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
      return "a number";
    }
    int length = scalar.getValue().codePointCount(0, scalar.getValue().length());
    return "a single value (" + length + (length == 1 ? " character" : " characters")
        + ", not shown)";
  }

  static String describeScalar(ScalarNode scalar) {
    if (scalar.getTag().equals(Tag.NULL)) {
      return "empty";
    }
    String value = scalar.getValue();
    String shown = Problem.shorten(value);
    if (scalar.getTag().equals(Tag.STR)) {
      return "the text `" + shown + "`";
    }
    if (scalar.getTag().equals(Tag.BOOL)) {
      return "the boolean `" + shown + "`";
    }
    if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
      return "the number `" + shown + "`";
    }
    return "`" + shown + "`";
  }

  static String lastSegment(String keyPath) {
    return keyPath.substring(keyPath.lastIndexOf('.') + 1);
  }

  /** YAML 1.1 integers as SnakeYAML resolves them: underscores, 0x, 0o/0 octal, 0b, a sign. */
  static long parseYamlInt(String text) {
    String value = text.replace("_", "");
    int sign = 1;
    if (value.startsWith("-")) {
      sign = -1;
      value = value.substring(1);
    } else if (value.startsWith("+")) {
      value = value.substring(1);
    }
    long magnitude;
    if (value.startsWith("0x")) {
      magnitude = Long.parseLong(value.substring(2), 16);
    } else if (value.startsWith("0b")) {
      magnitude = Long.parseLong(value.substring(2), 2);
    } else if (value.startsWith("0o")) {
      magnitude = Long.parseLong(value.substring(2), 8);
    } else if (value.length() > 1 && value.startsWith("0") && value.matches("[0-7]+")) {
      magnitude = Long.parseLong(value.substring(1), 8);
    } else if (value.contains(":")) {
      throw new NumberFormatException("sexagesimal numbers are not supported");
    } else {
      magnitude = Long.parseLong(value);
    }
    return sign * magnitude;
  }

  /**
   * The decimal value of an integer written in another base (a leading 0 for octal, {@code 0x},
   * {@code 0o}, {@code 0b}), as YAML 1.1 reads it; empty for a decimal integer.
   */
  static Optional<String> asDecimal(String text) {
    String digits = text.replace("_", "").replaceFirst("^[+-]", "");
    if (!digits.matches("0[0-9xob].*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(String.valueOf(parseYamlInt(text)));
    } catch (NumberFormatException e) {
      return Optional.of("another number");
    }
  }

  /**
   * The first character that cannot travel to the API server unchanged, measured character by
   * character against a real one (FreeTextRoundTripTest): DEL and the C1 controls, which apply
   * (Jackson) and kubectl (Go's JSON) send unescaped and the API server's YAML reader refuses; NEL
   * (U+0085), which that reader takes for a line break (stored as a space, or as a line feed);
   * U+FFFE and U+FFFF, which YAML cannot hold; and a lone surrogate, which UTF-8 cannot. The C0
   * controls, U+2028, U+2029 and U+FEFF travel: the clients escape or keep them.
   */
  static OptionalInt uncarried(String text) {
    return text.codePoints().filter(c -> (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF
        || Character.isSurrogate((char) c)).findFirst();
  }

  /** Why {@link #uncarried} refuses a character. */
  static String whyUncarried(int c) {
    return c == 0x85 ? "the API server's YAML reader takes it for a line break"
        : c >= 0x7F && c <= 0x9F ? "clients send it unescaped and the API server's YAML reader"
            + " refuses it" : "YAML and UTF-8 cannot hold it";
  }
}
