package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.Failover;
import io.sqledge.operate.InstanceStatus;
import io.sqledge.operate.StatusLines;
import io.sqledge.operate.StatusReader;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's high-availability promise, executed: the generated manifests applied to a cluster
 * with the real scheduler and controllers ({@link SimulatedCluster}), then a pod deleted, a node
 * killed, an update rolled out. Each test has a namespace and three nodes of its own.
 *
 * <p>Bounds are loose enough for a loaded 2-core machine: these tests say what happens and in
 * which order; the HA drill in benchmarks/ measures how fast.
 */
class FailoverTest {

  /** ha.failoverSeconds of these tests: shorter than the default 30 to keep them short. */
  private static final int FAILOVER_SECONDS = 15;
  private static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

  private static SimulatedCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    cluster = SimulatedCluster.shared();
    admin = cluster.admin();
  }

  /** A database applied with waiting on, in a namespace and pool of nodes of its own. */
  private record Database(String namespace, List<String> nodes, Instance instance,
      ApplyReport report, RecordingLog log) {}

  private static Database deploy(String pool, String workload) throws Exception {
    List<String> nodes = cluster.addNodes(pool, 3);
    String ns = cluster.newNamespace(pool);
    Instance instance = instance(settings(ns, pool, workload, ""));
    createSecret(admin, ns);
    RecordingLog log = new RecordingLog();
    ApplyReport report = apply(instance, ns, log);
    return new Database(ns, nodes, instance, report, log);
  }

  /** A configuration in namespace {@code ns}, on the nodes of {@code pool}. */
  private static String settings(String ns, String pool, String workload, String more) {
    return config(ns, """
        storage:
          className: %s-disk
        pod:
          nodeSelector:
            %s: %s
        ha:
          workload: %s
          failoverSeconds: %d
        """.formatted(ns, SimulatedCluster.POOL_LABEL, pool, workload, FAILOVER_SECONDS) + more);
  }

  private static ApplyReport apply(Instance instance, String ns, RecordingLog log)
      throws Exception {
    return apply(instance, ns, log, true);
  }

  private static ApplyReport apply(Instance instance, String ns, RecordingLog log, boolean wait)
      throws Exception {
    try (KubernetesClient client = ClusterConnector.connect(cluster.settings())) {
      ApplyRequest request = instance.request(ns);
      return new Applier(client, log).apply(wait ? request.withWait(Duration.ofSeconds(120))
          : request);
    }
  }

  @Test
  void applyWaitsUntilTheDatabaseRunsOnItsDiskBehindItsAddress() throws Exception {
    Database db = deploy("apply", "Deployment");

    Pod pod = runningPod(db.namespace());
    assertTrue(db.nodes().contains(pod.getSpec().getNodeName()), pod.getSpec().getNodeName());
    PersistentVolume volume = boundVolume(db.namespace());
    assertEquals("disk.csi.azure.com", volume.getSpec().getCsi().getDriver(),
        "provisioned by the class's CSI driver, once the scheduler picked a node");
    assertEquals(claimOf(pod), "mssql-data");
    assertEquals(Optional.of(pod.getSpec().getNodeName()), attachedNode(volume));
    String address = loadBalancerAddress(db.namespace());
    assertEquals(Optional.of(address + ",1433"), db.report().endpoint());
    assertEquals(List.of(pod.getStatus().getPodIP()), endpointAddresses(db.namespace()));
    String said = db.log().all();
    assertTrue(said.contains("binds when its pod is scheduled (WaitForFirstConsumer)"), said);
    assertTrue(said.contains("ready: Deployment/db to roll out"), said);
    assertTrue(said.contains("ready: PersistentVolumeClaim/mssql-data to be bound"), said);
    assertTrue(said.contains("ready: Service/db to get a load-balancer address"), said);
  }

  @Test
  void aDeletedPodIsReplacedOnTheSameDiskAndAddress() throws Exception {
    Database db = deploy("pod-deleted", "Deployment");
    Pod first = runningPod(db.namespace());
    PersistentVolume volume = boundVolume(db.namespace());
    String address = loadBalancerAddress(db.namespace());

    admin.pods().inNamespace(db.namespace()).resource(first).delete();

    cluster.await(Duration.ofSeconds(60), "a replacement pod, ready", () ->
        readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = runningPod(db.namespace());
    assertEquals("mssql-data", claimOf(second));
    assertEquals(volume.getMetadata().getName(), boundVolume(db.namespace()).getMetadata().getName());
    cluster.await(Duration.ofSeconds(60), "the disk attached where the new pod runs",
        () -> attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    cluster.await(Duration.ofSeconds(60), "the Service's endpoints to follow the pod",
        () -> endpointAddresses(db.namespace()).equals(List.of(second.getStatus().getPodIP())));
    assertEquals(address, loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void aDeadNodesPodIsEvictedAfterFailoverSecondsAndItsDiskFollowsOnlyAfterTheRemedy()
      throws Exception {
    Database db = deploy("node-dies", "Deployment");
    Pod first = runningPod(db.namespace());
    String deadNode = first.getSpec().getNodeName();
    PersistentVolume volume = boundVolume(db.namespace());
    String address = loadBalancerAddress(db.namespace());

    cluster.killKubelet(deadNode);
    awaitEviction(db.namespace(), first, deadNode);

    cluster.await(Duration.ofSeconds(60), "a replacement pod on another node", () ->
        readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = runningPod(db.namespace());
    assertNotEquals(deadNode, second.getSpec().getNodeName());
    assertEquals("mssql-data", claimOf(second));
    assertEquals(volume.getMetadata().getName(), boundVolume(db.namespace()).getMetadata().getName());
    assertEquals(address, loadBalancerAddress(db.namespace()), "the address clients use");

    // The old pod cannot finish terminating (no kubelet says its containers stopped), so the
    // attach-detach controller keeps the ReadWriteOnce disk on the dead node.
    cluster.await(Duration.ofSeconds(60), "the attach-detach controller to refuse a second attach",
        () -> multiAttachRefused(db.namespace(), second));
    assertEquals(Optional.of(deadNode), attachedNode(volume), "the disk stays on the dead node");
    assertTrue(podExists(db.namespace(), first), "the old pod stays Terminating");

    outOfService(deadNode);

    cluster.await(Duration.ofSeconds(60), "the old pod to be removed", () ->
        !podExists(db.namespace(), first));
    cluster.await(Duration.ofSeconds(60), "the disk to attach to the new node",
        () -> attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    cluster.await(Duration.ofSeconds(60), "the Service's endpoints to follow the pod",
        () -> endpointAddresses(db.namespace()).equals(List.of(second.getStatus().getPodIP())));
    assertEquals(address, loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void aStatefulSetWaitsForTheRemedyBeforeItStartsAReplacement() throws Exception {
    Database db = deploy("stateful-node-dies", "StatefulSet");
    Pod first = runningPod(db.namespace());
    String deadNode = first.getSpec().getNodeName();
    String address = loadBalancerAddress(db.namespace());

    cluster.killKubelet(deadNode);
    awaitEviction(db.namespace(), first, deadNode);

    // At most one pod per ordinal: db-0 is not recreated while the old db-0 still exists.
    Thread.sleep(10_000);
    List<Pod> pods = admin.pods().inNamespace(db.namespace()).list().getItems();
    assertEquals(List.of(uid(first)), pods.stream().map(FailoverTest::uid).toList(),
        "no replacement while the evicted pod is Terminating on the dead node");

    outOfService(deadNode);

    cluster.await(Duration.ofSeconds(60), "db-0 anew on another node", () ->
        readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = runningPod(db.namespace());
    assertNotEquals(deadNode, second.getSpec().getNodeName());
    PersistentVolume volume = boundVolume(db.namespace(), claimOf(second));
    assertEquals(claimOf(first), claimOf(second), "the same claim from the volumeClaimTemplate");
    cluster.await(Duration.ofSeconds(60), "the disk to attach to the new node",
        () -> attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    assertEquals(address, loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void recreateNeverRunsTwoPodsOnTheDiskWhileARollingUpdateDoes() throws Exception {
    Database db = deploy("update", "Deployment");
    String newImage = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";
    Instance updated = instance(settings(db.namespace(), "update", "Deployment",
        "engine:\n  image: " + newImage + "\n"));
    int recreateMost;
    try (PodsOnClaim watch = new PodsOnClaim(db.namespace(), "mssql-data")) {
      apply(updated, db.namespace(), new RecordingLog());
      cluster.await(Duration.ofSeconds(60), "the new image running", () -> readyPod(db.namespace())
          .filter(p -> p.getSpec().getContainers().get(0).getImage().equals(newImage))
          .isPresent());
      recreateMost = watch.most();
    }
    assertEquals(1, recreateMost, "Recreate: at no moment two pods on the claim");

    // The same manifests, with the Deployment's strategy changed to a rolling update.
    String ns = cluster.newNamespace("rolling");
    createSecret(admin, ns);
    Instance rolling = instance(settings(ns, "update", "Deployment", ""));
    apply(rolling, ns, new RecordingLog());
    Deployment deployment = admin.apps().deployments().inNamespace(ns).withName("db").get();
    int rollingMost;
    try (PodsOnClaim watch = new PodsOnClaim(ns, "mssql-data")) {
      admin.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder(deployment)
          .editSpec().editStrategy().withType("RollingUpdate").endStrategy()
          .editTemplate().editSpec().editContainer(0).withImage(newImage).endContainer()
          .endSpec().endTemplate().endSpec().build()).update();
      cluster.await(Duration.ofSeconds(60), "the rolling update to finish", () -> readyPod(ns)
          .filter(p -> p.getSpec().getContainers().get(0).getImage().equals(newImage))
          .isPresent() && admin.pods().inNamespace(ns).list().getItems().size() == 1);
      rollingMost = watch.most();
    }
    assertEquals(2, rollingMost, "RollingUpdate: the new pod starts before the old one stops");
  }

  @Test
  void statusNamesTheStuckStateAndTheFailoverGoalMovesTheDatabase() throws Exception {
    Database db = deploy("failover-goal", "Deployment");
    ManifestSet manifests = db.instance().manifests();
    StatusReader reader = new StatusReader(admin);
    InstanceStatus healthy = reader.read(manifests, db.namespace());
    String deadNode = runningPod(db.namespace()).getSpec().getNodeName();
    assertEquals(List.of(), healthy.diagnoses());
    String said = String.join("\n", StatusLines.of(healthy));
    assertTrue(said.contains("on node " + deadNode + " (Ready: True)"), said);
    assertTrue(said.contains("claim mssql-data: Bound, volume pvc-"), said);
    assertTrue(said.contains("attached to " + deadNode), said);
    assertTrue(said.contains("address: " + loadBalancerAddress(db.namespace()) + ",1433"), said);

    cluster.killKubelet(deadNode);
    RecordingLog log = new RecordingLog();
    Failover failover = new Failover(admin, log, Duration.ofMillis(200));
    SqledgeException ready = assertThrows(SqledgeException.class, () -> failover.run(manifests,
        db.namespace(), deadNode, Duration.ZERO, Duration.ofSeconds(60)));
    assertTrue(ready.getMessage().contains("node " + deadNode + " is Ready"), ready::getMessage);
    cluster.await(Duration.ofSeconds(60), "the node NotReady", () -> !cluster.isReady(deadNode));
    SqledgeException tooSoon = assertThrows(SqledgeException.class, () -> failover.run(manifests,
        db.namespace(), deadNode, Duration.ofMinutes(10), Duration.ofSeconds(60)));
    assertTrue(tooSoon.getMessage().contains("has been down for"), tooSoon::getMessage);
    assertTrue(admin.nodes().withName(deadNode).get().getSpec().getTaints().stream()
        .noneMatch(t -> t.getKey().equals(OUT_OF_SERVICE)), "a refused failover taints nothing");

    cluster.await(Duration.ofSeconds(120), "status to see the stuck pod and disk", () ->
        diagnoses(reader, manifests, db.namespace()).size() == 2);
    List<InstanceStatus.Diagnosis> stuck = reader.read(manifests, db.namespace()).diagnoses();
    assertTrue(stuck.get(0).problem().contains("stuck Terminating on node " + deadNode), stuck::toString);
    assertTrue(stuck.get(1).problem().contains("still attached to node " + deadNode), stuck::toString);
    assertTrue(stuck.stream().allMatch(d -> d.remedy().contains(
        "mvn sqledge:failover -Dsqledge.node=" + deadNode)), stuck::toString);

    Failover.Report report = failover.run(manifests, db.namespace(), deadNode,
        Duration.ofSeconds(1), Duration.ofSeconds(120));
    assertNotEquals(deadNode, report.newNode());
    assertEquals(4, report.phases().size(), report.phases()::toString);
    InstanceStatus after = reader.read(manifests, db.namespace());
    assertEquals(List.of(), after.diagnoses());
    assertEquals(List.of(new InstanceStatus.Attachment(report.newNode(), true)),
        after.claims().get(0).attachments().orElseThrow());
    assertTrue(log.all().contains("must really be off"), log::all);
    assertTrue(log.all().contains("kubectl taint nodes " + deadNode
        + " node.kubernetes.io/out-of-service=nodeshutdown:NoExecute-"), log::all);
  }

  @Test
  void statusNamesAClaimWithoutAVolumeAndAPodThatCannotBeScheduled() throws Exception {
    cluster.addNodes("no-class", 1);
    String ns = cluster.newNamespace("no-class");
    Instance instance = instance(config(ns, """
        storage:
          createClass: false
          className: no-such-class
        pod:
          nodeSelector:
            %s: no-class
        """.formatted(SimulatedCluster.POOL_LABEL)));
    createSecret(admin, ns);
    apply(instance, ns, new RecordingLog(), false);
    StatusReader reader = new StatusReader(admin);

    cluster.await(Duration.ofSeconds(60), "status to see the claim and the pod stuck", () ->
        diagnoses(reader, instance.manifests(), ns).size() == 2);
    InstanceStatus status = reader.read(instance.manifests(), ns);
    assertEquals("Pending", status.claims().get(0).phase());
    String problems = status.diagnoses().toString();
    assertTrue(problems.contains("PersistentVolumeClaim/mssql-data cannot get a volume"), problems);
    assertTrue(problems.contains("no-such-class"), problems);
    assertTrue(problems.contains("cannot be scheduled"), problems);
  }

  private static List<InstanceStatus.Diagnosis> diagnoses(StatusReader reader,
      ManifestSet manifests, String ns) {
    try {
      return reader.read(manifests, ns).diagnoses();
    } catch (SqledgeException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /**
   * Waits until {@code pod} on {@code node} is evicted; checks that it was not evicted before
   * the node's NoExecute taint had stood for ha.failoverSeconds.
   */
  private static void awaitEviction(String ns, Pod pod, String node) {
    cluster.await(Duration.ofSeconds(60), "node " + node + " to be marked unreachable",
        () -> noExecuteTaint(node).isPresent());
    Instant tainted = Instant.parse(noExecuteTaint(node).get().getTimeAdded());
    cluster.await(Duration.ofSeconds(120), "the pod on " + node + " to be evicted", () -> {
      Pod live = admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
      return live == null || live.getMetadata().getDeletionTimestamp() != null;
    });
    Instant seen = Instant.now();
    // timeAdded has whole seconds: allow one.
    assertTrue(Duration.between(tainted, seen).toSeconds() >= FAILOVER_SECONDS - 1,
        "evicted " + Duration.between(tainted, seen).toSeconds() + "s after the taint, before"
            + " ha.failoverSeconds (" + FAILOVER_SECONDS + ")");
  }

  private static Optional<Taint> noExecuteTaint(String node) {
    var taints = admin.nodes().withName(node).get().getSpec().getTaints();
    return taints == null ? Optional.empty() : taints.stream()
        .filter(t -> "NoExecute".equals(t.getEffect()))
        .filter(t -> t.getKey().equals("node.kubernetes.io/unreachable")
            || t.getKey().equals("node.kubernetes.io/not-ready"))
        .findFirst();
  }

  /** Kubernetes' non-graceful node shutdown: the node is known to be off. */
  private static void outOfService(String node) {
    admin.nodes().withName(node).edit(n -> new NodeBuilder(n).editSpec()
        .addToTaints(new TaintBuilder().withKey(OUT_OF_SERVICE).withValue("nodeshutdown")
            .withEffect("NoExecute").build())
        .endSpec().build());
  }

  private static boolean multiAttachRefused(String ns, Pod pod) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> uid(pod).equals(e.getInvolvedObject().getUid())
            && "FailedAttachVolume".equals(e.getReason())
            && e.getMessage().contains("Multi-Attach error"));
  }

  private static Optional<Pod> readyPod(String ns) {
    return admin.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(FailoverTest::ready)
        .findFirst();
  }

  private static Pod runningPod(String ns) {
    return readyPod(ns).orElseThrow(() -> new AssertionError("no ready pod in " + ns + "\n"
        + cluster.describe()));
  }

  private static boolean ready(Pod pod) {
    List<PodCondition> conditions = pod.getStatus().getConditions();
    return conditions != null && conditions.stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static boolean podExists(String ns, Pod pod) {
    Pod live = admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
    return live != null && uid(live).equals(uid(pod));
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid();
  }

  private static String claimOf(Pod pod) {
    return pod.getSpec().getVolumes().stream()
        .map(Volume::getPersistentVolumeClaim).filter(Objects::nonNull)
        .map(claim -> claim.getClaimName()).findFirst().orElseThrow();
  }

  private static PersistentVolume boundVolume(String ns) {
    return boundVolume(ns, "mssql-data");
  }

  private static PersistentVolume boundVolume(String ns, String claimName) {
    PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(ns)
        .withName(claimName).get();
    assertEquals("Bound", claim.getStatus().getPhase());
    PersistentVolume volume = admin.persistentVolumes().withName(claim.getSpec().getVolumeName())
        .get();
    assertEquals(claim.getMetadata().getUid(), volume.getSpec().getClaimRef().getUid());
    return volume;
  }

  /** The node the volume is attached to, if exactly one attachment says attached. */
  private static Optional<String> attachedNode(PersistentVolume volume) {
    List<VolumeAttachment> attachments = admin.storage().v1().volumeAttachments().list()
        .getItems().stream()
        .filter(a -> volume.getMetadata().getName()
            .equals(a.getSpec().getSource().getPersistentVolumeName()))
        .filter(a -> a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAttached()))
        .toList();
    return attachments.size() == 1
        ? Optional.of(attachments.get(0).getSpec().getNodeName()) : Optional.empty();
  }

  private static String loadBalancerAddress(String ns) {
    var ingress = admin.services().inNamespace(ns).withName("db").get()
        .getStatus().getLoadBalancer().getIngress();
    assertEquals(1, ingress.size());
    return ingress.get(0).getIp();
  }

  private static List<String> endpointAddresses(String ns) {
    return admin.discovery().v1().endpointSlices().inNamespace(ns)
        .withLabel("kubernetes.io/service-name", "db").list().getItems().stream()
        .flatMap(slice -> slice.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty()
            : slice.getEndpoints().stream())
        .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
        .flatMap(e -> e.getAddresses().stream())
        .toList();
  }

  /**
   * Watches the pods of a namespace and keeps the most that, at one moment, were on a node with
   * the claim: each such pod mounts the disk (or tries to).
   */
  private static final class PodsOnClaim implements AutoCloseable, Watcher<Pod> {
    private final String claim;
    private final Map<String, Pod> onNodes = new ConcurrentHashMap<>();
    private final AtomicInteger most = new AtomicInteger();
    private final Watch watch;

    PodsOnClaim(String ns, String claim) {
      this.claim = claim;
      admin.pods().inNamespace(ns).list().getItems().forEach(p -> eventReceived(Action.ADDED, p));
      this.watch = admin.pods().inNamespace(ns).watch(this);
    }

    @Override
    public void eventReceived(Action action, Pod pod) {
      boolean mounts = pod.getSpec().getNodeName() != null && claimOf(pod).equals(claim)
          && action != Action.DELETED;
      if (mounts) {
        onNodes.put(uid(pod), pod);
      } else {
        onNodes.remove(uid(pod));
      }
      most.accumulateAndGet(onNodes.size(), Math::max);
    }

    @Override
    public void onClose(WatcherException cause) {}

    int most() {
      return most.get();
    }

    @Override
    public void close() {
      watch.close();
    }
  }
}
