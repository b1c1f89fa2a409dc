package io.sqledge.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * How a name or a text enters a T-SQL script that sqlcmd runs: the one place that quotes. Every
 * statement the plugin sends is built from these two functions and from fixed keywords, never
 * from a user's text pasted into a statement.
 *
 * <p>Names follow {@code QUOTENAME}'s rules ("QUOTENAME (Transact-SQL)": brackets, a closing
 * bracket doubled, at most 128 characters, since a longer input yields NULL). Texts are Unicode
 * literals ("nchar and nvarchar (Transact-SQL)": {@code N'…'} with a quote doubled). Both must
 * also survive sqlcmd, which reads the script before SQL Server does ("sqlcmd utility":
 * commands such as {@code :!!} and {@code GO} at the start of a line, scripting variables
 * {@code $(name)} anywhere): so no line break or other control character, and no {@code $(},
 * ever appears inside a quoted text; a literal spells them with {@code NCHAR(n)} and
 * concatenation instead.
 */
public final class Tsql {

  /** The longest name SQL Server stores ({@code sysname} is {@code nvarchar(128)}). */
  public static final int MAX_NAME_LENGTH = 128;

  private Tsql() {}

  /**
   * A name as {@code QUOTENAME(name)} quotes it: {@code [a]]b]} for {@code a]b}.
   *
   * @throws IllegalArgumentException for a name that is empty, longer than 128 characters, or
   *     holds a control character or {@code $(}; the configuration checks refuse those before
   *     anything is rendered
   */
  public static String quoteName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a name is 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().anyMatch(Tsql::isControl) || name.contains("$(")) {
      throw new IllegalArgumentException("a quoted name cannot hold a control character or $(");
    }
    return "[" + name.replace("]", "]]") + "]";
  }

  /**
   * A text as an {@code nvarchar} expression: {@code N'it''s'}, or for a text with control
   * characters or {@code $(} a concatenation such as {@code N'a' + NCHAR(10) + N'b'}.
   */
  public static String literal(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c)) {
        flush(run, parts);
        parts.add("NCHAR(" + (int) c + ")");
      } else if (c == '(' && i > 0 && text.charAt(i - 1) == '$') {
        // "$(" split across two literals: sqlcmd never sees a scripting variable.
        flush(run, parts);
        run.append(c);
      } else {
        run.append(c == '\'' ? "''" : String.valueOf(c));
      }
    }
    flush(run, parts);
    return parts.isEmpty() ? "N''" : String.join(" + ", parts);
  }

  private static void flush(StringBuilder run, List<String> parts) {
    if (!run.isEmpty()) {
      parts.add("N'" + run + "'");
      run.setLength(0);
    }
  }

  private static boolean isControl(int c) {
    return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029;
  }
}
