package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.ApiErrors;
import io.sqledge.apply.ClusterPlan;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.InstanceStatus.Attachment;
import io.sqledge.operate.InstanceStatus.ClaimState;
import io.sqledge.operate.InstanceStatus.PodState;
import io.sqledge.operate.InstanceStatus.Warning;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads what the cluster made of an instance (its rendered manifests say which objects are its):
 * pods, nodes, claims, volumes and their attachments, the address, warning events. Nodes and
 * attachments are cluster-scoped: an account that may not read them still gets the rest.
 */
public final class StatusReader {

  /** How many of the latest warnings are kept. */
  static final int WARNINGS = 10;

  private final KubernetesClient client;

  public StatusReader(KubernetesClient client) {
    this.client = client;
  }

  public InstanceStatus read(ManifestSet manifests, String requestedNamespace)
      throws SqledgeException {
    String namespace = ClusterPlan.namespaceOf(client, requestedNamespace);
    HasMetadata workload = workload(manifests);
    String workloadName = workload.getKind() + "/" + workload.getMetadata().getName();
    try {
      List<Pod> pods = client.pods().inNamespace(namespace)
          .withLabels(selector(workload).getMatchLabels()).list().getItems();
      List<PodState> podStates = pods.stream().map(this::podState).toList();
      List<ClaimState> claims = claimNames(manifests, workload, pods).stream()
          .map(name -> claimState(namespace, name)).toList();
      Set<String> ours = new LinkedHashSet<>();
      ours.add(workloadName);
      pods.forEach(pod -> ours.add("Pod/" + pod.getMetadata().getName()));
      claims.forEach(claim -> ours.add("PersistentVolumeClaim/" + claim.name()));
      services(manifests).forEach(service -> ours.add("Service/" + service.getMetadata().getName()));
      List<Warning> warnings = warnings(namespace, ours);
      InstanceStatus read = new InstanceStatus(namespace, workloadName, podStates, claims,
          address(manifests, namespace), warnings, List.of(),
          new GuardReader(client).read(manifests, namespace),
          new BackupReader(client).read(manifests, namespace),
          new AccountsReader(client).read(manifests.manifests(), namespace));
      return read.withDiagnoses(StuckStates.diagnose(read));
    } catch (KubernetesClientException e) {
      throw new SqledgeException("sqledge: reading the status of " + workloadName + " failed",
          List.of(ApiErrors.describe(workloadName, namespace, "reading", e, Optional.empty(),
              String.valueOf(client.getMasterUrl()))), e);
    }
  }

  private static HasMetadata workload(ManifestSet manifests) {
    return manifests.manifests().stream().map(Manifest::resource)
        .filter(r -> r instanceof Deployment || r instanceof StatefulSet)
        .filter(r -> !GuardReader.isGuard(r))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no workload"));
  }

  private static LabelSelector selector(HasMetadata workload) {
    return workload instanceof Deployment d ? d.getSpec().getSelector()
        : ((StatefulSet) workload).getSpec().getSelector();
  }

  /** The claims the pods mount; without pods, the claim the manifests name or template. */
  private static List<String> claimNames(ManifestSet manifests, HasMetadata workload,
      List<Pod> pods) {
    List<String> mounted = pods.stream()
        .flatMap(pod -> pod.getSpec().getVolumes().stream())
        .map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
        .map(claim -> claim.getClaimName()).distinct().toList();
    if (!mounted.isEmpty()) {
      return mounted;
    }
    if (workload instanceof StatefulSet set) {
      return set.getSpec().getVolumeClaimTemplates().stream()
          .map(t -> t.getMetadata().getName() + "-" + set.getMetadata().getName() + "-0").toList();
    }
    return manifests.manifests().stream().map(Manifest::resource)
        .filter(PersistentVolumeClaim.class::isInstance)
        .map(r -> r.getMetadata().getName()).toList();
  }

  private PodState podState(Pod pod) {
    Optional<String> node = Optional.ofNullable(pod.getSpec().getNodeName());
    Optional<ContainerStatus> container = Optional.ofNullable(pod.getStatus().getContainerStatuses())
        .flatMap(statuses -> statuses.stream().findFirst());
    return new PodState(pod.getMetadata().getName(), node, node.flatMap(this::nodeReady),
        Optional.ofNullable(pod.getStatus().getPhase()).orElse("Unknown"),
        Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")),
        pod.getMetadata().getDeletionTimestamp() != null,
        container.map(ContainerStatus::getRestartCount).orElse(0),
        container.map(ContainerStatus::getState)
            .flatMap(state -> Optional.ofNullable(state.getWaiting()))
            .map(waiting -> waiting.getReason()),
        container.map(ContainerStatus::getLastState)
            .flatMap(state -> Optional.ofNullable(state.getTerminated()))
            .map(terminated -> terminated.getReason()));
  }

  /** The node's Ready condition; empty when the account may not read nodes. */
  private Optional<String> nodeReady(String name) {
    try {
      Node node = client.nodes().withName(name).get();
      return node == null ? Optional.of("gone") : Optional.ofNullable(node.getStatus())
          .flatMap(status -> status.getConditions().stream()
              .filter(c -> c.getType().equals("Ready")).map(NodeCondition::getStatus).findFirst());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private ClaimState claimState(String namespace, String name) {
    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(name).get();
    if (claim == null) {
      return new ClaimState(name, "missing", Optional.empty(), Optional.of(List.of()));
    }
    Optional<String> volume = Optional.ofNullable(claim.getSpec().getVolumeName())
        .filter(v -> !v.isEmpty());
    return new ClaimState(name, Optional.ofNullable(claim.getStatus().getPhase()).orElse("Pending"),
        volume, volume.flatMap(this::attachments));
  }

  /** The volume's attachments; empty when the account may not read them. */
  private Optional<List<Attachment>> attachments(String volume) {
    try {
      return Optional.of(client.storage().v1().volumeAttachments().list().getItems().stream()
          .filter(a -> volume.equals(a.getSpec().getSource().getPersistentVolumeName()))
          .map(a -> new Attachment(a.getSpec().getNodeName(),
              a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAttached())))
          .toList());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private List<Warning> warnings(String namespace, Set<String> objects) {
    List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()))
        .filter(e -> objects.contains(e.getInvolvedObject().getKind() + "/"
            + e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(StatusReader::when))
        .toList();
    return events.stream().skip(Math.max(0, events.size() - WARNINGS))
        .map(e -> new Warning(e.getInvolvedObject().getKind() + "/"
            + e.getInvolvedObject().getName(), e.getReason(), e.getMessage()))
        .toList();
  }

  private static String when(Event event) {
    return Stream.of(event.getLastTimestamp(), event.getEventTime() == null ? null
            : event.getEventTime().getTime(), event.getMetadata().getCreationTimestamp())
        .filter(Objects::nonNull).findFirst().orElse("");
  }

  private Optional<String> address(ManifestSet manifests, String namespace) {
    return services(manifests).findFirst().flatMap(service -> {
      String name = service.getMetadata().getName();
      int port = service.getSpec().getPorts().get(0).getPort();
      if (!"LoadBalancer".equals(service.getSpec().getType())) {
        return Optional.of(name + "." + namespace + ".svc.cluster.local," + port);
      }
      Service live = client.services().inNamespace(namespace).withName(name).get();
      return Optional.ofNullable(live).map(Service::getStatus)
          .map(status -> status.getLoadBalancer().getIngress()).orElse(List.of()).stream()
          .map(ingress -> ingress.getIp() != null ? ingress.getIp() : ingress.getHostname())
          .filter(Objects::nonNull).findFirst().map(host -> host + "," + port);
    });
  }

  /** The instance's client Service (not a StatefulSet's headless one). */
  private static Stream<Service> services(ManifestSet manifests) {
    return manifests.manifests().stream().map(Manifest::resource)
        .filter(Service.class::isInstance).map(Service.class::cast)
        .filter(service -> !"None".equals(service.getSpec().getClusterIP()));
  }
}
