package io.sqledge.verify;

import java.util.List;
import java.util.Map;

/**
 * Checks one free-form value of the configuration ({@code pod.affinity}, a toleration) against its
 * Kubernetes type, so that a mistake in it is reported where the user wrote it, before it is
 * rendered into a manifest whose error could only name the template.
 */
public final class ValueSchema {

  /** A Kubernetes {@code Affinity}. */
  public static final String AFFINITY = "io.k8s.api.core.v1.Affinity";

  /** A Kubernetes {@code Toleration}. */
  public static final String TOLERATION = "io.k8s.api.core.v1.Toleration";

  /** A Kubernetes {@code NetworkPolicyPeer}. */
  public static final String NETWORK_POLICY_PEER = "io.k8s.api.networking.v1.NetworkPolicyPeer";

  /** One violation, at a path inside the value ({@code podAntiAffinity.nope}). */
  public record Violation(String path, String message, String fix) {}

  private ValueSchema() {}

  public static List<Violation> check(String definition, Map<String, Object> value) {
    KubernetesSchema schema = KubernetesSchema.shipped();
    return SchemaChecker.check(schema, schema.definition(definition), value).stream()
        .map(v -> new Violation(v.path(), v.message(), v.fix())).toList();
  }
}
