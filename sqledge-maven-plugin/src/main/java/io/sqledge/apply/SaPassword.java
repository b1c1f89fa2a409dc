package io.sqledge.apply;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The SA password on its way into a Secret. Its {@code toString} never shows it, and {@link
 * #redact} removes it (and its base64 form) from any text that may carry it, such as a server's
 * error message, before that text reaches a log or an exception.
 */
public final class SaPassword {

  private final String value;

  private SaPassword(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SaPassword of(String value) {
    return new SaPassword(value);
  }

  String value() {
    return value;
  }

  String base64() {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code text} with every occurrence of the password or its base64 form replaced. */
  public String redact(String text) {
    if (text == null || value.isEmpty()) {
      return text;
    }
    return text.replace(value, "<redacted>").replace(base64(), "<redacted>");
  }

  @Override
  public String toString() {
    return "SaPassword[<redacted>]";
  }
}
