package io.sqledge.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the cluster, the way kubectl does: a kubeconfig file (else {@code KUBECONFIG}, else
 * {@code ~/.kube/config}, else the in-cluster service account) and a context in it.
 *
 * @param kubeconfig an explicit kubeconfig file, or empty for kubectl's lookup
 * @param context the context to use, or empty for the current one
 * @param requestTimeout how long one request may take before it fails
 */
public record ClusterSettings(
    Optional<Path> kubeconfig, Optional<String> context, Duration requestTimeout) {

  public ClusterSettings {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }
}
