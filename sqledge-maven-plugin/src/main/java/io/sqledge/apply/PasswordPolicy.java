package io.sqledge.apply;

import java.util.Optional;

/**
 * SQL Server's SA password policy: 8 to 128 characters, from at least three of the four classes
 * upper case, lower case, digits and symbols. A password that fails it makes the container stop at
 * start-up, so it is refused before it reaches the cluster. Reasons never quote the password.
 */
public final class PasswordPolicy {

  private PasswordPolicy() {}

  /** Why {@code password} would be refused by SQL Server, or empty if it is accepted. */
  public static Optional<String> violation(SaPassword password) {
    String value = password.value();
    int length = value.codePointCount(0, value.length());
    if (length < 8) {
      return Optional.of("it has " + length + " characters; SQL Server needs at least 8");
    }
    if (length > 128) {
      return Optional.of("it has " + length + " characters; SQL Server allows at most 128");
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else {
        symbol = true;
      }
    }
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    if (classes < 3) {
      return Optional.of("it uses " + classes + " of the four character classes (upper case, lower"
          + " case, digits, symbols); SQL Server needs three");
    }
    return Optional.empty();
  }
}
