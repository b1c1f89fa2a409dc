package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.operate.Failover;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated databases on the {@link SimulatedCluster}, and what can be observed of them there:
 * pods, volumes, attachments, taints, addresses, endpoints. Shared by FailoverTest and the HA
 * drill (HaDrill), which run the same scenarios: the one to assert, the other to time.
 */
final class SimulatedDatabases {

  /** The label that tells the database's pods (mssql) from the failover guard's. */
  static final String NAME_LABEL = "app.kubernetes.io/name";
  static final String DATABASE = "mssql";
  /** The taint a cloud controller manager puts on a node whose machine is stopped. */
  static final String CLOUD_SHUTDOWN = "node.cloudprovider.kubernetes.io/shutdown";

  private final SimulatedCluster cluster;
  private final KubernetesClient admin;

  SimulatedDatabases(SimulatedCluster cluster) {
    this.cluster = cluster;
    this.admin = cluster.admin();
  }

  /**
   * A database applied with waiting on, in a namespace and pool of nodes of its own, once its
   * disk is attached and its Service's endpoints follow its pod ({@link
   * SimulatedCluster#awaitSettled}).
   */
  record Database(String namespace, List<String> nodes, Instance instance,
      ApplyReport report, RecordingLog log) {}

  Database deploy(String pool, String workload, int failoverSeconds) throws Exception {
    return deploy(pool, workload, failoverSeconds, 3, "");
  }

  /**
   * As above, on {@code nodeCount} nodes, with {@code more} configuration, which continues the
   * {@code ha} section the configuration ends with.
   */
  Database deploy(String pool, String workload, int failoverSeconds, int nodeCount, String more)
      throws Exception {
    List<String> nodes = cluster.addNodes(pool, nodeCount);
    String ns = cluster.newNamespace(pool);
    Instance instance = instance(settings(ns, pool, workload, failoverSeconds, more));
    createSecret(admin, ns);
    RecordingLog log = new RecordingLog();
    ApplyReport report = apply(instance, ns, log);
    cluster.awaitSettled(ns);
    return new Database(ns, nodes, instance, report, log);
  }

  /** A configuration in namespace {@code ns}, on the nodes of {@code pool}. */
  static String settings(String ns, String pool, String workload, int failoverSeconds,
      String more) {
    return config(ns, """
        storage:
          className: %s-disk
        pod:
          nodeSelector:
            %s: %s
        ha:
          workload: %s
          failoverSeconds: %d
        """.formatted(ns, SimulatedCluster.POOL_LABEL, pool, workload, failoverSeconds) + more);
  }

  ApplyReport apply(Instance instance, String ns, RecordingLog log)
      throws Exception {
    return apply(instance, ns, log, true);
  }

  ApplyReport apply(Instance instance, String ns, RecordingLog log, boolean wait)
      throws Exception {
    try (KubernetesClient client = ClusterConnector.connect(cluster.settings())) {
      ApplyRequest request = instance.request(ns);
      return new Applier(client, log).apply(wait ? request.withWait(Duration.ofSeconds(120))
          : request);
    }
  }

  Optional<Taint> noExecuteTaint(String node) {
    var taints = admin.nodes().withName(node).get().getSpec().getTaints();
    return taints == null ? Optional.empty() : taints.stream()
        .filter(t -> "NoExecute".equals(t.getEffect()))
        .filter(t -> t.getKey().equals("node.kubernetes.io/unreachable")
            || t.getKey().equals("node.kubernetes.io/not-ready"))
        .findFirst();
  }

  /** Kubernetes' non-graceful node shutdown: the node is known to be off. */
  void outOfService(String node) {
    cluster.editNode(node, n -> new NodeBuilder(n).editSpec()
        .addToTaints(new TaintBuilder().withKey(Failover.TAINT_KEY).withValue(Failover.TAINT_VALUE)
            .withEffect("NoExecute").build())
        .endSpec().build());
  }

  /** What a cloud controller manager does to a node whose machine it sees stopped. */
  void cloudShutdown(String node) {
    cluster.editNode(node, n -> new NodeBuilder(n).editSpec()
        .addToTaints(new TaintBuilder().withKey(CLOUD_SHUTDOWN).withEffect("NoSchedule").build())
        .endSpec().build());
  }

  /** ... and once the machine runs again. */
  void cloudRunning(String node) {
    cluster.editNode(node, n -> {
      n.getSpec().getTaints().removeIf(t -> t.getKey().equals(CLOUD_SHUTDOWN));
      return n;
    });
  }

  /** Whether the node has the out-of-service taint of the non-graceful node shutdown. */
  boolean outOfServiceTaint(String node) {
    var taints = admin.nodes().withName(node).get().getSpec().getTaints();
    return taints != null && taints.stream().anyMatch(t -> t.getKey().equals(Failover.TAINT_KEY));
  }

  boolean multiAttachRefused(String ns, Pod pod) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> uid(pod).equals(e.getInvolvedObject().getUid())
            && "FailedAttachVolume".equals(e.getReason())
            && e.getMessage().contains("Multi-Attach error"));
  }

  Optional<Pod> readyPod(String ns) {
    return admin.pods().inNamespace(ns).withLabel(NAME_LABEL, DATABASE).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(SimulatedDatabases::ready)
        .findFirst();
  }

  Pod runningPod(String ns) {
    return readyPod(ns).orElseThrow(() -> new AssertionError("no ready pod in " + ns + "\n"
        + cluster.describe()));
  }

  static boolean ready(Pod pod) {
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions != null && conditions.stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  boolean podExists(String ns, Pod pod) {
    Pod live = admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
    return live != null && uid(live).equals(uid(pod));
  }

  static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }

  static String claimOf(Pod pod) {
    return pod.getSpec().getVolumes().stream()
        .map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
        .map(claim -> claim.getClaimName()).findFirst().orElseThrow();
  }

  PersistentVolume boundVolume(String ns) {
    return boundVolume(ns, "mssql-data");
  }

  PersistentVolume boundVolume(String ns, String claimName) {
    PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(ns)
        .withName(claimName).get();
    assertEquals("Bound", claim.getStatus().getPhase());
    PersistentVolume volume = admin.persistentVolumes().withName(claim.getSpec().getVolumeName())
        .get();
    assertEquals(claim.getMetadata().getUid(), volume.getSpec().getClaimRef().getUid());
    return volume;
  }

  /** The node the volume is attached to, if exactly one attachment says attached. */
  Optional<String> attachedNode(PersistentVolume volume) {
    List<VolumeAttachment> attachments = admin.storage().v1().volumeAttachments().list()
        .getItems().stream()
        .filter(a -> volume.getMetadata().getName()
            .equals(a.getSpec().getSource().getPersistentVolumeName()))
        .filter(a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAttached()))
        .toList();
    return attachments.size() == 1
        ? Optional.of(attachments.get(0).getSpec().getNodeName()) : Optional.empty();
  }

  String loadBalancerAddress(String ns) {
    var ingress = admin.services().inNamespace(ns).withName("db").get()
        .getStatus().getLoadBalancer().getIngress();
    assertEquals(1, ingress.size());
    return ingress.get(0).getIp();
  }

  List<String> endpointAddresses(String ns) {
    return admin.discovery().v1().endpointSlices().inNamespace(ns)
        .withLabel("kubernetes.io/service-name", "db").list().getItems().stream()
        .flatMap(slice -> readyAddresses(slice).stream())
        .toList();
  }

  /** The addresses of a slice's ready endpoints. */
  static List<String> readyAddresses(EndpointSlice slice) {
    return Optional.ofNullable(slice.getEndpoints()).orElse(List.of()).stream()
        .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
        .flatMap(e -> e.getAddresses().stream())
        .toList();
  }
}
