package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
import java.util.Set;

/**
 * Names the cluster itself owns. Apply refuses any object it did not make (see
 * io.sqledge.apply.Ownership), but these are known before a cluster is asked: the API server's
 * own Service, {@code kubernetes} in {@code default}, which every pod reaches the API through
 * (its endpoints are reconciled by the API server itself), and the namespaces Kubernetes keeps
 * for its own components.
 */
final class ClusterOwnedRules {

  /** The API server's Service and the namespace it lives in. */
  static final String API_SERVICE = "kubernetes";
  static final String API_SERVICE_NAMESPACE = "default";

  /** The namespaces the cluster keeps for itself (kube-system, kube-public, kube-node-lease). */
  static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public",
      "kube-node-lease");

  private ClusterOwnedRules() {}

  static void check(InstanceConfig config, Rules rules) {
    String namespace = config.namespace();
    if (config.name().equals(API_SERVICE)
        && (namespace.isEmpty() || namespace.equals(API_SERVICE_NAMESPACE))) {
      rules.error("name", "an instance named `kubernetes` "
              + (namespace.isEmpty() ? "without a namespace would, where the current namespace is"
                  + " default, make" : "in namespace default makes")
              + " a Service named like the API server's own, `default/kubernetes`, which every"
              + " pod reaches the Kubernetes API through",
          "give the instance another `name`");
    }
    if (SYSTEM_NAMESPACES.contains(namespace)) {
      rules.warning("namespace", "namespace " + namespace + " is kept for Kubernetes' own"
              + " components; a database there shares it with them",
          "give the instance a `namespace` of its own");
    }
  }
}
