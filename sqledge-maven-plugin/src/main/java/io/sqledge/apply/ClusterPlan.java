package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is on the cluster against what we want, the one step apply, dry run, diff and delete share
 * (as {@code kubectl apply}, {@code --dry-run=server} and {@code diff} share kubectl's): the
 * target namespace resolved once and whether it exists, then for each resource its handle and
 * the live object. Namespaced resources of a namespace that does not exist are known to be absent
 * and are not read.
 *
 * @param namespace the namespace of the namespaced resources
 * @param namespaceExists whether it exists (true when we may not read namespaces: the first
 *     namespaced request will tell)
 * @param steps one per wanted resource, in the order given
 */
public record ClusterPlan(String namespace, boolean namespaceExists, List<Step> steps) {

  /**
   * One resource.
   *
   * @param name {@code Kind/name}
   * @param desired what we want, with the target namespace set when it is namespaced
   * @param resource the client's handle on it
   * @param namespaced whether it lives in the namespace
   * @param live what the cluster has; empty when it does not exist
   */
  public record Step(String name, HasMetadata desired, Resource<HasMetadata> resource,
      boolean namespaced, Optional<HasMetadata> live) {

    /** The namespace to name in messages; empty for a cluster-scoped resource. */
    public String where(ClusterPlan plan) {
      return namespaced ? plan.namespace() : "";
    }
  }

  public ClusterPlan {
    steps = List.copyOf(steps);
  }

  /** Whether namespaced resources can be sent to the server (dry run included). */
  public boolean reachable(Step step) {
    return namespaceExists || !step.namespaced();
  }

  /** The goal a plan is read for, as its failures name it. */
  public enum Purpose {
    APPLY("apply", "applied"), DIFF("diff", "changed"), DELETE("delete", "removed");

    private final String verb;
    private final String done;

    Purpose(String verb, String done) {
      this.verb = verb;
      this.done = done;
    }
  }

  /**
   * Reads what the cluster has of {@code wanted}, before anything is written; an API failure
   * names the resource.
   */
  public static ClusterPlan read(KubernetesClient client, List<HasMetadata> wanted,
      String requestedNamespace, Purpose purpose) throws SqledgeException {
    String namespace = namespaceOf(client, requestedNamespace);
    boolean exists = namespaceExists(client, namespace, purpose);
    ServedKinds served = new ServedKinds(client);
    List<Problem> unserved = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (HasMetadata object : wanted) {
      HasMetadata desired = client.getKubernetesSerialization().clone(object);
      boolean namespaced = desired instanceof Namespaced;
      if (desired instanceof GenericKubernetesResource custom) {
        Optional<APIResource> kind;
        try {
          kind = served.find(custom);
        } catch (KubernetesClientException e) {
          throw failure(client, custom.getKind() + "/" + custom.getMetadata().getName(),
              "", purpose, e);
        }
        if (kind.isEmpty()) {
          // Nothing of a kind the cluster does not serve can be there to delete.
          if (purpose != Purpose.DELETE) {
            unserved.add(ServedKinds.unserved(custom));
          }
          continue;
        }
        namespaced = Boolean.TRUE.equals(kind.get().getNamespaced());
      }
      if (namespaced) {
        desired.getMetadata().setNamespace(namespace);
      }
      String name = desired.getKind() + "/" + desired.getMetadata().getName();
      Resource<HasMetadata> resource = namespaced
          ? client.resource(desired).inNamespace(namespace) : client.resource(desired);
      Optional<HasMetadata> live;
      try {
        live = namespaced && !exists ? Optional.empty() : Optional.ofNullable(resource.get());
      } catch (KubernetesClientException e) {
        throw failure(client, name, namespaced ? namespace : "", purpose, e);
      }
      steps.add(new Step(name, desired, resource, namespaced, live));
    }
    if (!unserved.isEmpty()) {
      throw new SqledgeException("sqledge: " + purpose.verb + " needs kinds the cluster does not"
          + " serve; nothing was " + purpose.done, unserved);
    }
    return new ClusterPlan(namespace, exists, steps);
  }

  /** The namespace an instance lives in: the configured one, else the kubeconfig's. */
  public static String namespaceOf(KubernetesClient client, String requestedNamespace) {
    if (!requestedNamespace.isEmpty()) {
      return requestedNamespace;
    }
    String namespace = client.getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  private static boolean namespaceExists(KubernetesClient client, String namespace,
      Purpose purpose)
      throws SqledgeException {
    try {
      return client.namespaces().withName(namespace).get() != null;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return true; // may not read namespaces; the first namespaced request will tell
      }
      throw failure(client, "Namespace/" + namespace, "", purpose, e);
    }
  }

  private static SqledgeException failure(KubernetesClient client, String name, String namespace,
      Purpose purpose, KubernetesClientException e) {
    return new SqledgeException("sqledge: " + purpose.verb + " failed at " + name
        + "; nothing was " + purpose.done, List.of(ApiErrors.describe(name, namespace, "reading " + name,
            e, Optional.empty(), String.valueOf(client.getMasterUrl()))),
        name.startsWith("Secret/") ? null : e); // nothing that carried a Secret keeps its cause
  }
}
