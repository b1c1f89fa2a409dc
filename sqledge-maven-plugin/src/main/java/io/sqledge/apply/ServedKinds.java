package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of other operators in the output (cert-manager's Certificate, the Prometheus
 * operator's ServiceMonitor), as the cluster serves them: whether their CRD is installed, and
 * whether they live in a namespace. Asked of the API server's discovery once per API version.
 */
final class ServedKinds {

  /** What serves each group, and the configuration that asked for it. */
  private static final Map<String, String> REMEDIES = Map.of(
      "cert-manager.io", "install cert-manager (its CRDs and controller), or leave out"
          + " `tls.certManager`",
      "monitoring.coreos.com", "install the Prometheus operator (its CRDs), or leave out"
          + " `metrics.serviceMonitor`");

  private final KubernetesClient client;
  private final Map<String, Optional<APIResourceList>> byApiVersion = new HashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
  }

  /** The kind of a resource as the cluster serves it; empty when no CRD serves it. */
  Optional<APIResource> find(GenericKubernetesResource resource) {
    Optional<APIResourceList> list = byApiVersion.computeIfAbsent(resource.getApiVersion(),
        this::discover);
    return list.flatMap(resources -> resources.getResources().stream()
        .filter(served -> served.getKind().equals(resource.getKind())
            && !served.getName().contains("/")) // not a subresource such as certificates/status
        .findFirst());
  }

  private Optional<APIResourceList> discover(String apiVersion) {
    try {
      return Optional.ofNullable(client.getApiResources(apiVersion));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Why an output with an unserved kind cannot be applied, and what to do. */
  static Problem unserved(GenericKubernetesResource resource) {
    String group = resource.getApiVersion().contains("/")
        ? resource.getApiVersion().substring(0, resource.getApiVersion().indexOf('/')) : "";
    return Problem.error(Origin.resource(resource.getKind() + "/"
            + resource.getMetadata().getName()), "",
        "the cluster does not serve `" + resource.getApiVersion() + "` `" + resource.getKind()
            + "`: its CustomResourceDefinition is not installed",
        REMEDIES.getOrDefault(group, "install the CustomResourceDefinition that serves it"));
  }
}
