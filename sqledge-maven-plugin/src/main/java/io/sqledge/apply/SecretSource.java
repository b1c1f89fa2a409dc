package io.sqledge.apply;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the SA password Secret comes from: it already exists on the cluster (the default, and
 * apply checks it), or apply creates or updates it from a password the build was given.
 */
public record SecretSource(Optional<SaPassword> password, String origin) {

  public SecretSource {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(origin, "origin");
  }

  public static SecretSource existing() {
    return new SecretSource(Optional.empty(), "an existing Secret");
  }

  /** A password, and where it came from in words ("settings.xml server `sqledge`"). */
  public static SecretSource of(SaPassword password, String origin) {
    return new SecretSource(Optional.of(password), origin);
  }
}
