package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one rule for what carries a password, so that a password is refused alike wherever it is
 * written: in the configuration file, as {@code -Dsqledge.…}, or in the POM's properties. Its
 * value is never quoted, logged or written; the error names where it was, and the Secret to use.
 */
public final class SecretSettings {

  /**
   * The container's environment variables that carry a password, from Microsoft's "Configure SQL
   * Server settings with environment variables on Linux" page: the SA's (MSSQL_SA_PASSWORD, and
   * SA_PASSWORD, its deprecated name), and MSSQL_PASSWORD, the password of the user named by
   * MSSQL_USER, which SQL Server 2025 images create at first start.
   */
  public static final Set<String> PASSWORD_ENV =
      Set.of("MSSQL_SA_PASSWORD", "SA_PASSWORD", "MSSQL_PASSWORD");

  /** How to pass the password instead. */
  public static final String FIX = "keep the password in a Kubernetes Secret (kubectl create"
      + " secret generic mssql --from-literal=MSSQL_SA_PASSWORD=...) and name it with"
      + " `engine.saPassword.secretName` and `engine.saPassword.secretKey`";

  /** A key that names a password: `password`, `saPassword`, `pwd`, `secretValue`, …. */
  private static final Pattern PASSWORD_KEY =
      Pattern.compile("(?i).*(pass(word)?|pwd|secret_?value).*");

  private SecretSettings() {}

  /** Whether an environment variable of the container carries a password. */
  public static boolean isPasswordEnv(String name) {
    return PASSWORD_ENV.contains(name.toUpperCase(Locale.ROOT));
  }

  /** Whether a key of the file that is no declared setting looks like it holds a password. */
  static boolean isPasswordKey(String key) {
    return PASSWORD_KEY.matcher(key).matches();
  }

  /**
   * Whether a configuration path would carry a password: a path that is no declared value (such as
   * {@code engine.saPassword.secretName}, which names a Secret) and ends in a password key or a
   * password variable ({@code engine.saPassword}, {@code engine.env.MSSQL_PASSWORD}).
   */
  static boolean isPasswordPath(String path) {
    if (ConfigSchema.entry(path).filter(entry -> entry.children().isEmpty()).isPresent()) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('.') + 1);
    return isPasswordKey(last) || isPasswordEnv(last);
  }

  /**
   * The overrides without those that carry a password; each of those is an error that names the
   * property, never its value.
   */
  static Map<String, String> refusePasswords(Map<String, String> overrides, Problems problems) {
    Map<String, String> kept = new TreeMap<>();
    overrides.forEach((path, value) -> {
      if (isPasswordPath(path)) {
        problems.error(Origin.property("sqledge." + path), path, "a password must not be given"
            + " as the property sqledge." + path + " (on the command line or in the POM); its"
            + " value is not shown", "remove the property; " + FIX);
      } else {
        kept.put(path, value);
      }
    });
    return kept;
  }
}
