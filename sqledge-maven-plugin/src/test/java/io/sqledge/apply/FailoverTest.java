package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static io.sqledge.apply.SimulatedDatabases.DATABASE;
import static io.sqledge.apply.SimulatedDatabases.NAME_LABEL;
import static io.sqledge.apply.SimulatedDatabases.claimOf;
import static io.sqledge.apply.SimulatedDatabases.settings;
import static io.sqledge.apply.SimulatedDatabases.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.SimulatedDatabases.Database;
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

  private static SimulatedCluster cluster;
  private static KubernetesClient admin;
  private static SimulatedDatabases on;

  @BeforeAll
  static void start() {
    cluster = SimulatedCluster.shared();
    admin = cluster.admin();
    on = new SimulatedDatabases(cluster);
  }






  @Test
  void applyWaitsUntilTheDatabaseRunsOnItsDiskBehindItsAddress() throws Exception {
    Database db = on.deploy("apply", "Deployment", FAILOVER_SECONDS);

    Pod pod = on.runningPod(db.namespace());
    assertTrue(db.nodes().contains(pod.getSpec().getNodeName()), pod.getSpec().getNodeName());
    PersistentVolume volume = on.boundVolume(db.namespace());
    assertEquals("disk.csi.azure.com", volume.getSpec().getCsi().getDriver(),
        "provisioned by the class's CSI driver, once the scheduler picked a node");
    assertEquals(claimOf(pod), "mssql-data");
    assertEquals(Optional.of(pod.getSpec().getNodeName()), on.attachedNode(volume));
    String address = on.loadBalancerAddress(db.namespace());
    assertEquals(Optional.of(new Endpoint(address, 1433)), db.report().endpoint());
    assertEquals(List.of(pod.getStatus().getPodIP()), on.endpointAddresses(db.namespace()));
    String said = db.log().all();
    assertTrue(said.contains("binds when its pod is scheduled (WaitForFirstConsumer)"), said);
    assertTrue(said.contains("ready: Deployment/db to roll out"), said);
    assertTrue(said.contains("ready: PersistentVolumeClaim/mssql-data to be bound"), said);
    assertTrue(said.contains("ready: Service/db to get a load-balancer address"), said);
  }

  @Test
  void aDeletedPodIsReplacedOnTheSameDiskAndAddress() throws Exception {
    Database db = on.deploy("pod-deleted", "Deployment", FAILOVER_SECONDS);
    Pod first = on.runningPod(db.namespace());
    PersistentVolume volume = on.boundVolume(db.namespace());
    String address = on.loadBalancerAddress(db.namespace());

    admin.pods().inNamespace(db.namespace()).resource(first).delete();

    cluster.await(Duration.ofSeconds(60), "a replacement pod, ready", () ->
        on.readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = on.runningPod(db.namespace());
    assertEquals("mssql-data", claimOf(second));
    assertEquals(volume.getMetadata().getName(), on.boundVolume(db.namespace()).getMetadata().getName());
    cluster.await(Duration.ofSeconds(60), "the disk attached where the new pod runs",
        () -> on.attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    cluster.await(Duration.ofSeconds(60), "the Service's endpoints to follow the pod",
        () -> on.endpointAddresses(db.namespace()).equals(List.of(second.getStatus().getPodIP())));
    assertEquals(address, on.loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void aDeadNodesPodIsEvictedAfterFailoverSecondsAndItsDiskFollowsOnlyAfterTheRemedy()
      throws Exception {
    Database db = on.deploy("node-dies", "Deployment", FAILOVER_SECONDS);
    Pod first = on.runningPod(db.namespace());
    String deadNode = first.getSpec().getNodeName();
    PersistentVolume volume = on.boundVolume(db.namespace());
    String address = on.loadBalancerAddress(db.namespace());

    cluster.killKubelet(deadNode);
    awaitEviction(db.namespace(), first, deadNode);

    cluster.await(Duration.ofSeconds(60), "a replacement pod on another node", () ->
        on.readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = on.runningPod(db.namespace());
    assertNotEquals(deadNode, second.getSpec().getNodeName());
    assertEquals("mssql-data", claimOf(second));
    assertEquals(volume.getMetadata().getName(), on.boundVolume(db.namespace()).getMetadata().getName());
    assertEquals(address, on.loadBalancerAddress(db.namespace()), "the address clients use");

    // The old pod cannot finish terminating (no kubelet says its containers stopped), so the
    // attach-detach controller keeps the ReadWriteOnce disk on the dead node.
    cluster.await(Duration.ofSeconds(60), "the attach-detach controller to refuse a second attach",
        () -> on.multiAttachRefused(db.namespace(), second));
    assertEquals(Optional.of(deadNode), on.attachedNode(volume), "the disk stays on the dead node");
    assertTrue(on.podExists(db.namespace(), first), "the old pod stays Terminating");

    on.outOfService(deadNode);

    cluster.await(Duration.ofSeconds(60), "the old pod to be removed", () ->
        !on.podExists(db.namespace(), first));
    cluster.await(Duration.ofSeconds(60), "the disk to attach to the new node",
        () -> on.attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    cluster.await(Duration.ofSeconds(60), "the Service's endpoints to follow the pod",
        () -> on.endpointAddresses(db.namespace()).equals(List.of(second.getStatus().getPodIP())));
    assertEquals(address, on.loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void aStatefulSetWaitsForTheRemedyBeforeItStartsAReplacement() throws Exception {
    Database db = on.deploy("stateful-node-dies", "StatefulSet", FAILOVER_SECONDS);
    Pod first = on.runningPod(db.namespace());
    String deadNode = first.getSpec().getNodeName();
    String address = on.loadBalancerAddress(db.namespace());

    cluster.killKubelet(deadNode);
    awaitEviction(db.namespace(), first, deadNode);

    // At most one pod per ordinal: db-0 is not recreated while the old db-0 still exists.
    Thread.sleep(10_000);
    List<Pod> pods = admin.pods().inNamespace(db.namespace()).withLabel(NAME_LABEL, DATABASE)
        .list().getItems();
    assertEquals(List.of(uid(first)), pods.stream().map(SimulatedDatabases::uid).toList(),
        "no replacement while the evicted pod is Terminating on the dead node");

    on.outOfService(deadNode);

    cluster.await(Duration.ofSeconds(60), "db-0 anew on another node", () ->
        on.readyPod(db.namespace()).filter(p -> !uid(p).equals(uid(first))).isPresent());
    Pod second = on.runningPod(db.namespace());
    assertNotEquals(deadNode, second.getSpec().getNodeName());
    PersistentVolume volume = on.boundVolume(db.namespace(), claimOf(second));
    assertEquals(claimOf(first), claimOf(second), "the same claim from the volumeClaimTemplate");
    cluster.await(Duration.ofSeconds(60), "the disk to attach to the new node",
        () -> on.attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
    assertEquals(address, on.loadBalancerAddress(db.namespace()), "the address clients use");
  }

  @Test
  void recreateNeverRunsTwoPodsOnTheDiskWhileARollingUpdateDoes() throws Exception {
    Database db = on.deploy("update", "Deployment", FAILOVER_SECONDS);
    String newImage = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";
    Instance updated = instance(settings(db.namespace(), "update", "Deployment", FAILOVER_SECONDS,
        "engine:\n  image: " + newImage + "\n"));
    int recreateMost;
    try (PodsOnClaim watch = new PodsOnClaim(db.namespace(), "mssql-data")) {
      on.apply(updated, db.namespace(), new RecordingLog());
      cluster.await(Duration.ofSeconds(60), "the new image running", () -> on.readyPod(db.namespace())
          .filter(p -> p.getSpec().getContainers().get(0).getImage().equals(newImage))
          .isPresent());
      recreateMost = watch.most();
    }
    assertEquals(1, recreateMost, "Recreate: at no moment two pods on the claim");

    // The same manifests, with the Deployment's strategy changed to a rolling update.
    String ns = cluster.newNamespace("rolling");
    createSecret(admin, ns);
    Instance rolling = instance(settings(ns, "update", "Deployment", FAILOVER_SECONDS, ""));
    on.apply(rolling, ns, new RecordingLog());
    Deployment deployment = admin.apps().deployments().inNamespace(ns).withName("db").get();
    int rollingMost;
    try (PodsOnClaim watch = new PodsOnClaim(ns, "mssql-data")) {
      admin.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder(deployment)
          .editSpec().editStrategy().withType("RollingUpdate").endStrategy()
          .editTemplate().editSpec().editContainer(0).withImage(newImage).endContainer()
          .endSpec().endTemplate().endSpec().build()).update();
      cluster.await(Duration.ofSeconds(60), "the rolling update to finish", () -> on.readyPod(ns)
          .filter(p -> p.getSpec().getContainers().get(0).getImage().equals(newImage))
          .isPresent() && admin.pods().inNamespace(ns).withLabel(NAME_LABEL, DATABASE).list()
          .getItems().size() == 1);
      rollingMost = watch.most();
    }
    assertEquals(2, rollingMost, "RollingUpdate: the new pod starts before the old one stops");
  }

  @Test
  void statusNamesTheStuckStateAndTheFailoverGoalMovesTheDatabase() throws Exception {
    Database db = on.deploy("failover-goal", "Deployment", FAILOVER_SECONDS);
    ManifestSet manifests = db.instance().manifests();
    StatusReader reader = new StatusReader(admin);
    InstanceStatus healthy = reader.read(manifests, db.namespace());
    String deadNode = on.runningPod(db.namespace()).getSpec().getNodeName();
    assertEquals(List.of(), healthy.diagnoses());
    String said = String.join("\n", StatusLines.of(healthy));
    assertTrue(said.contains("on node " + deadNode + " (Ready: True)"), said);
    assertTrue(said.contains("claim mssql-data: Bound, volume pvc-"), said);
    assertTrue(said.contains("attached to " + deadNode), said);
    assertTrue(said.contains("address: " + on.loadBalancerAddress(db.namespace()) + ",1433"), said);

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
        .noneMatch(t -> t.getKey().equals(Failover.TAINT_KEY)), "a refused failover taints nothing");

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

    // The node repaired: its kubelet back and the taint removed, as the goal says; it takes pods
    // again, and the database stays where it runs.
    cluster.reviveKubelet(deadNode);
    cluster.editNode(deadNode, n -> new NodeBuilder(n).editSpec()
        .removeMatchingFromTaints(t -> t.getKey().equals(Failover.TAINT_KEY)).endSpec().build());
    cluster.await(Duration.ofSeconds(60), "the repaired node Ready without NoExecute taints",
        () -> cluster.isReady(deadNode) && Optional.ofNullable(admin.nodes().withName(deadNode)
            .get().getSpec().getTaints()).orElse(List.of()).stream()
            .noneMatch(t -> "NoExecute".equals(t.getEffect())));
    assertEquals(report.newNode(), on.runningPod(db.namespace()).getSpec().getNodeName());
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
    on.apply(instance, ns, new RecordingLog(), false);
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

  @Test
  void statusNamesWhatTheKubeletReportsOfTheContainer() throws Exception {
    cluster.addNodes("kubelet-says", 1);
    StatusReader reader = new StatusReader(admin);
    String pull = cluster.newNamespace("kubelet-says");
    Instance pullInstance = failing(pull, "ImagePullBackOff", "");
    String oom = cluster.newNamespace("kubelet-says");
    Instance oomInstance = failing(oom, "CrashLoopBackOff", "OOMKilled");

    cluster.await(Duration.ofSeconds(60), "status to see the image pull", () ->
        diagnoses(reader, pullInstance.manifests(), pull).size() == 1);
    cluster.await(Duration.ofSeconds(60), "status to see the OOM kill and the crash loop", () ->
        diagnoses(reader, oomInstance.manifests(), oom).size() == 2);

    String pulling = diagnoses(reader, pullInstance.manifests(), pull).toString();
    assertTrue(pulling.contains("cannot pull its image (ImagePullBackOff)"), pulling);
    InstanceStatus killed = reader.read(oomInstance.manifests(), oom);
    String said = String.join("\n", StatusLines.of(killed));
    assertTrue(said.contains("3 restarts, waiting: CrashLoopBackOff, last ended: OOMKilled"), said);
    String problems = killed.diagnoses().toString();
    assertTrue(problems.contains("was killed for exceeding its memory limit (OOMKilled)"), problems);
    assertTrue(problems.contains("keeps exiting (CrashLoopBackOff, 3 restarts)"), problems);
  }

  /** An instance in {@code ns}, applied, whose container the simulated kubelet fails as asked. */
  private static Instance failing(String ns, String waiting, String lastTerminated)
      throws Exception {
    Instance failing = instance(settings(ns, "kubelet-says", "Deployment", FAILOVER_SECONDS, "")
        .replace("pod:\n", "pod:\n  annotations:\n    sqledge.test/waiting: " + waiting + "\n"
            + (lastTerminated.isEmpty() ? "" : "    sqledge.test/last-terminated: "
                + lastTerminated + "\n")));
    createSecret(admin, ns);
    on.apply(failing, ns, new RecordingLog(), false);
    return failing;
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
        () -> on.noExecuteTaint(node).isPresent());
    Instant tainted = Instant.parse(on.noExecuteTaint(node).get().getTimeAdded());
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
      // The database's pods: the accounts job's pod mounts no disk.
      admin.pods().inNamespace(ns).withLabel(NAME_LABEL, DATABASE).list().getItems()
          .forEach(p -> eventReceived(Action.ADDED, p));
      this.watch = admin.pods().inNamespace(ns).withLabel(NAME_LABEL, DATABASE).watch(this);
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
