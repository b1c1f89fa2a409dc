package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.operate.InstanceStatus.AutomaticFailover;
import io.sqledge.render.FailoverGuardModel;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads how the failover guard is (ha.automaticFailover: guard): whether its pod runs, where,
 * and the last thing it did or refused to do, from the Events it records on the database's pods.
 */
final class GuardReader {

  private final KubernetesClient client;

  GuardReader(KubernetesClient client) {
    this.client = client;
  }

  /** Whether a rendered object is the guard's (its Deployment is not the database's workload). */
  static boolean isGuard(HasMetadata resource) {
    return FailoverGuardModel.GUARD.equals(Optional.ofNullable(resource.getMetadata().getLabels())
        .map(labels -> labels.get("app.kubernetes.io/name")).orElse(null));
  }

  AutomaticFailover read(ManifestSet manifests, String namespace) {
    Optional<Deployment> guard = manifests.manifests().stream().map(Manifest::resource)
        .filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(GuardReader::isGuard).findFirst();
    if (guard.isEmpty()) {
      return AutomaticFailover.NONE;
    }
    String name = guard.get().getMetadata().getName();
    List<Pod> pods = client.pods().inNamespace(namespace)
        .withLabels(guard.get().getSpec().getSelector().getMatchLabels()).list().getItems();
    String state = pods.stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .filter(pod -> Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of())
            .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")))
        .findFirst()
        .map(pod -> "running on node " + pod.getSpec().getNodeName())
        .orElseGet(() -> "not running (" + (pods.isEmpty() ? "no pod"
            : pods.size() + " pod(s), none ready") + "): kubectl describe deployment " + name
            + " -n " + namespace);
    Optional<String> last = client.v1().events().inNamespace(namespace).list().getItems()
        .stream()
        .filter(event -> event.getSource() != null
            && FailoverGuardModel.GUARD.equals(event.getSource().getComponent()))
        .max(Comparator.comparing(GuardReader::when))
        .map(event -> event.getReason() + " at " + when(event) + ": " + event.getMessage());
    return new AutomaticFailover("guard", Optional.of(state), last);
  }

  private static String when(Event event) {
    return Stream.of(event.getLastTimestamp(), event.getMetadata().getCreationTimestamp())
        .filter(Objects::nonNull).findFirst().orElse("");
  }
}
