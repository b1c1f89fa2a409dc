package io.sqledge.maven;

import io.sqledge.apply.ClusterSettings;
import java.io.File;
import java.time.Duration;
import java.util.Optional;

/** The cluster parameters apply and delete share, as the core's {@link ClusterSettings}. */
final class ClusterParameters {

  /** How long one API request may take; waiting for readiness has its own timeout. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private ClusterParameters() {}

  static ClusterSettings settings(File kubeconfig, String context) {
    return new ClusterSettings(
        Optional.ofNullable(kubeconfig).map(File::toPath),
        Optional.ofNullable(context).filter(name -> !name.isBlank()),
        REQUEST_TIMEOUT);
  }
}
