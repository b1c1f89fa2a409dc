package io.sqledge.diagnostic;

import java.util.Objects;

/**
 * One thing wrong with the input or the output, with where it is and how to fix it.
 *
 * <p>The message says what is wrong in terms of the configuration ({@code storage.size}), never in
 * terms of our code. A problem never carries a secret value: the code that detects an inline
 * password reports the key, not what was written there.
 *
 * @param severity error or warning
 * @param origin where the offending value is
 * @param path the configuration path ({@code storage.size}) or manifest path it concerns; may be
 *     empty when the problem is about a whole file
 * @param message what is wrong
 * @param fix what to do about it; may be empty
 */
public record Problem(Severity severity, Origin origin, String path, String message, String fix) {

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(origin, "origin");
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
    fix = fix == null ? "" : fix;
  }

  public static Problem error(Origin origin, String path, String message, String fix) {
    return new Problem(Severity.ERROR, origin, path, message, fix);
  }

  public static Problem warning(Origin origin, String path, String message, String fix) {
    return new Problem(Severity.WARNING, origin, path, message, fix);
  }

  /**
   * A value as a message echoes it: whole when short, else its start, so that a 500 KB value
   * never fills the log.
   */
  public static String shorten(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "…";
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * One line for the location and the message, a second for the fix: {@code
   * sqledge.yaml:4:3: unknown key `storge`; did you mean `storage`?}.
   */
  public String render() {
    StringBuilder text = new StringBuilder(origin.describe()).append(": ").append(message);
    if (!fix.isEmpty()) {
      text.append("\n").append("    fix: ").append(fix);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
