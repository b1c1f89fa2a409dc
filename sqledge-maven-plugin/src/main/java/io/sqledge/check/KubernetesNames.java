package io.sqledge.check;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name rules of Kubernetes (RFC 1123 and RFC 1035, as the API server applies them). Each check
 * returns what is wrong, in words, or empty when the name is valid.
 */
public final class KubernetesNames {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  /** The longest DNS label: names of Services, namespaces, volumes; label values. */
  static final int LABEL_MAX = 63;

  private KubernetesNames() {}

  /** Namespaces: at most 63 lower-case letters, digits and '-', starting and ending alphanumeric. */
  public static Optional<String> dns1123Label(String name) {
    if (name.length() > 63) {
      return Optional.of("is " + name.length() + " characters long, more than 63");
    }
    if (!DNS1123_LABEL.matcher(name).matches()) {
      return Optional.of(
          "must consist of lower-case letters, digits and '-', and start and end with a letter or"
              + " digit");
    }
    return Optional.empty();
  }

  /** Service names: like a DNS-1123 label, but starting with a letter. */
  public static Optional<String> dns1035Label(String name) {
    if (name.length() > 63) {
      return Optional.of("is " + name.length() + " characters long, more than 63");
    }
    if (!DNS1035_LABEL.matcher(name).matches()) {
      return Optional.of(
          "must consist of lower-case letters, digits and '-', start with a letter and end with a"
              + " letter or digit");
    }
    return Optional.empty();
  }

  /** Most object names: dot-separated DNS-1123 labels, at most 253 characters. */
  public static Optional<String> dns1123Subdomain(String name) {
    if (name.length() > 253) {
      return Optional.of("is " + name.length() + " characters long, more than 253");
    }
    if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "must consist of lower-case letters, digits, '-' and '.', and start and end with a"
              + " letter or digit");
    }
    return Optional.empty();
  }

  /** Keys of Secrets and ConfigMaps. */
  public static Optional<String> secretKey(String key) {
    if (key.length() > 253) {
      return Optional.of("is " + key.length() + " characters long, more than 253");
    }
    if (!CONFIG_MAP_KEY.matcher(key).matches()) {
      return Optional.of("must consist of letters, digits, '-', '_' and '.'");
    }
    return Optional.empty();
  }

  /** Environment variable names as the API server accepts them. */
  public static Optional<String> envVarName(String name) {
    if (!ENV_VAR_NAME.matcher(name).matches()) {
      return Optional.of("must consist of letters, digits, '_', '-' and '.', and must not start"
          + " with a digit: Kubernetes before 1.32 refuses other names, and the output targets "
          + KubernetesTarget.OLDEST + " to " + KubernetesTarget.NEWEST);
    }
    return Optional.empty();
  }

  /** A lower-cased, hyphenated version of {@code name}, to suggest as a fix. */
  public static String suggest(String name) {
    String fixed =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^-+|-+$", "");
    if (fixed.length() > 63) {
      fixed = fixed.substring(0, 63).replaceAll("-+$", "");
    }
    return fixed.isEmpty() ? "sqledge" : fixed;
  }
}
