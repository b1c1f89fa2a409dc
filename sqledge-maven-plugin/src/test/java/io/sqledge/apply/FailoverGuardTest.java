package io.sqledge.apply;

import static io.sqledge.apply.SimulatedDatabases.uid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.SimulatedDatabases.Database;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.InstanceStatus;
import io.sqledge.operate.StatusLines;
import io.sqledge.operate.StatusReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ha.automaticFailover: guard on the simulated cluster (real scheduler and controllers, KWOK
 * nodes). The generated guard is applied; its pod is scheduled like any other, and its container
 * is played by {@link GuardProcess}: the generated script, run by BusyBox with a real kubectl and
 * the generated ServiceAccount's token, so that RBAC judges every call. A node then dies.
 *
 * <p>Each test has a namespace and a pool of nodes of its own. The guard looks every 5 s; the
 * bounds are loose for a loaded 2-core machine (benchmarks/ measures how fast).
 */
class FailoverGuardTest {

  private static final int FAILOVER_SECONDS = 10;
  /** Keys of the ha section, which SimulatedDatabases' configuration ends with. */
  private static final String GUARD = "  automaticFailover: guard\n";
  private static final Duration LONG = Duration.ofSeconds(120);

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
  void aDeadNodeIsTaintedOnlyOnceTheCloudSaysItIsOffAndTakesPodsAgainWhenItIsBack()
      throws Exception {
    Database db = on.deploy("guard-cloud", "Deployment", FAILOVER_SECONDS, 3, GUARD);
    String ns = db.namespace();
    Pod first = on.runningPod(ns);
    String deadNode = first.getSpec().getNodeName();
    PersistentVolume volume = on.boundVolume(ns);
    assertNotEquals(deadNode, guardNode(ns), "the guard never runs on the database's node");

    try (GuardProcess guard = startGuard(db)) {
      cluster.killKubelet(deadNode);
      cluster.await(LONG, "the pod on the dead node to be evicted", () -> terminating(ns, first));

      // A partition looks the same as a dead machine from here: NotReady, the pod evicted. Without
      // the cloud's word, the guard does nothing and says why, in its log and on the pod.
      awaitLog(guard, "the cloud provider has not reported it shut down");
      cluster.await(LONG, "the FailoverWithheld event", () -> event(ns, first, "FailoverWithheld"));
      Thread.sleep(12_000);
      assertFalse(on.outOfServiceTaint(deadNode), "no taint without fencing");
      assertEquals(Optional.of(deadNode), on.attachedNode(volume), "the disk stays");
      assertTrue(on.podExists(ns, first), "the old pod stays Terminating");

      // The cloud controller manager sees the machine stopped.
      on.cloudShutdown(deadNode);
      cluster.await(LONG, "the guard's out-of-service taint", () ->
          on.outOfServiceTaint(deadNode));
      assertEquals(ns + "/db", admin.nodes().withName(deadNode).get().getMetadata()
          .getAnnotations().get("sqledge.io/failover-guard"));
      cluster.await(LONG, "the old pod to be removed", () -> !on.podExists(ns, first));
      cluster.await(LONG, "a replacement, ready on another node", () ->
          on.readyPod(ns).filter(p -> !uid(p).equals(uid(first))).isPresent());
      Pod second = on.runningPod(ns);
      cluster.await(LONG, "the disk attached to the new node", () ->
          on.attachedNode(volume).equals(Optional.of(second.getSpec().getNodeName())));
      assertTrue(event(ns, first, "FailoverStarted"), "the action is an event on the pod");
      assertTrue(guard.log().contains("node " + deadNode + " tainted"), guard.log());

      InstanceStatus status = new StatusReader(admin).read(db.instance().manifests(), ns);
      String said = String.join("\n", StatusLines.of(status));
      assertTrue(said.contains("automatic failover: guard"), said);
      assertTrue(said.contains("failover guard: running on node "), said);
      assertTrue(said.contains("last action: FailoverStarted"), said);

      // The machine is back: the cloud lifts its taint, the kubelet reports Ready.
      on.cloudRunning(deadNode);
      cluster.reviveKubelet(deadNode);
      cluster.await(LONG, "the guard to lift its taint", () ->
          !on.outOfServiceTaint(deadNode) && !admin.nodes().withName(deadNode).get()
              .getMetadata().getAnnotations().containsKey("sqledge.io/failover-guard"));
      awaitLog(guard, "node " + deadNode + " is Ready again");
      cluster.await(LONG, "the FailoverNodeReturned event on the new pod", () ->
          event(ns, second, "FailoverNodeReturned"));
    }
  }

  @Test
  void withNotReadyForTheGuardWaitsTheMinimumThenActs() throws Exception {
    Database db = on.deploy("guard-timed", "Deployment", FAILOVER_SECONDS, 3, GUARD
        + "  fencing: notReadyFor\n  minimumDownSeconds: 30\n");
    String ns = db.namespace();
    Pod first = on.runningPod(ns);
    String deadNode = first.getSpec().getNodeName();
    PersistentVolume volume = on.boundVolume(ns);

    try (GuardProcess guard = startGuard(db)) {
      cluster.killKubelet(deadNode);
      cluster.await(LONG, "the node to be NotReady", () -> !cluster.isReady(deadNode));
      long notReady = System.nanoTime();
      cluster.await(LONG, "the guard's out-of-service taint", () ->
          on.outOfServiceTaint(deadNode));
      // The guard counts whole seconds of its clock from the first round that saw the node
      // NotReady: more than 29 s; this test saw NotReady a poll (0.2 s) after it happened.
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - notReady);
      assertTrue(waited >= 28_000, "tainted " + waited + " ms after NotReady, before the 30 s");
      assertTrue(guard.log().contains("waiting until it has been down for 30s"), guard.log());
      assertTrue(event(ns, first, "FailoverWaiting"), "the wait is an event on the pod");
      cluster.await(LONG, "the disk attached to another node", () ->
          on.attachedNode(volume).filter(node -> !node.equals(deadNode)).isPresent());
    }
  }

  @Test
  void whenTheGuardsOwnNodeDiesItIsReplacedElsewhereAndCarriesOn() throws Exception {
    Database db = on.deploy("guard-moves", "Deployment", FAILOVER_SECONDS, 4, GUARD);
    String ns = db.namespace();
    Pod first = on.runningPod(ns);
    String databaseNode = first.getSpec().getNodeName();
    String guardNode = guardNode(ns);
    PersistentVolume volume = on.boundVolume(ns);

    GuardProcess firstGuard = startGuard(db);
    cluster.killKubelet(guardNode);
    firstGuard.close(); // a dead node runs nothing
    cluster.await(LONG, "a guard pod ready on another node", () -> guardPods(ns).stream()
        .anyMatch(p -> p.getMetadata().getDeletionTimestamp() == null
            && SimulatedDatabases.ready(p) && !p.getSpec().getNodeName().equals(guardNode)));
    String newGuardNode = guardNode(ns);
    assertNotEquals(databaseNode, newGuardNode, "still never on the database's node");

    try (GuardProcess guard = startGuard(db)) {
      machineStops(databaseNode);
      cluster.await(LONG, "the disk attached to a live node", () -> on.attachedNode(volume)
          .filter(node -> !List.of(databaseNode, guardNode, newGuardNode).contains(node))
          .isPresent());
      assertTrue(guard.log().contains("node " + databaseNode + " tainted"), guard.log());
    }
  }

  @Test
  void onTwoNodesTheReplacementMayNotJoinTheGuardSoTheDatabaseNeedsAThird() throws Exception {
    Database db = on.deploy("guard-two", "Deployment", FAILOVER_SECONDS, 2, GUARD);
    String ns = db.namespace();
    Pod first = on.runningPod(ns);
    String deadNode = first.getSpec().getNodeName();
    String guardNode = guardNode(ns);

    try (GuardProcess guard = startGuard(db)) {
      machineStops(deadNode);
      cluster.await(LONG, "the old pod to be removed", () -> !on.podExists(ns, first));
      // Required anti-affinity is symmetric: the scheduler keeps the replacement off the
      // guard's node, the only live one.
      cluster.await(LONG, "the replacement refused by the scheduler", () ->
          admin.v1().events().inNamespace(ns).list().getItems().stream().anyMatch(e ->
              "FailedScheduling".equals(e.getReason())
                  && e.getMessage().contains("anti-affinity")
                  && !e.getInvolvedObject().getName().startsWith("db-failover-guard")));
      assertTrue(guard.log().contains("node " + deadNode + " tainted"), guard.log());
      List<Pod> database = admin.pods().inNamespace(ns)
          .withLabel(SimulatedDatabases.NAME_LABEL, SimulatedDatabases.DATABASE).list()
          .getItems();
      assertEquals(1, database.size(), "the replacement");
      assertEquals(null, database.get(0).getSpec().getNodeName(), "not scheduled: no database runs");
      assertEquals(guardNode, guardNode(ns));
    }
  }

  @Test
  void aTaintSomeoneElsePutIsLeftToThemEvenWhenTheNodeIsBack() throws Exception {
    Database db = on.deploy("guard-other", "Deployment", FAILOVER_SECONDS, 3, GUARD);
    String ns = db.namespace();
    Pod first = on.runningPod(ns);
    String deadNode = first.getSpec().getNodeName();

    try (GuardProcess guard = startGuard(db)) {
      machineStops(deadNode);
      on.outOfService(deadNode); // a person, or Medik8s
      cluster.await(LONG, "the old pod to be removed", () -> !on.podExists(ns, first));
      cluster.await(LONG, "a replacement, ready", () -> on.readyPod(ns).isPresent());
      on.cloudRunning(deadNode);
      cluster.reviveKubelet(deadNode);
      cluster.await(LONG, "the node to be Ready", () -> cluster.isReady(deadNode));
      Thread.sleep(12_000); // two rounds and more
      assertTrue(on.outOfServiceTaint(deadNode), "the guard lifts only its own taint");
      assertFalse(guard.log().contains("tainted"), guard.log());
      assertFalse(guard.log().contains("removed"), guard.log());
    }
  }

  @Test
  void theGuardMayDoWhatItNeedsAndNothingElse() throws Exception {
    Database db = on.deploy("guard-rbac", "Deployment", FAILOVER_SECONDS, 3, GUARD);
    String ns = db.namespace();
    Path kubeconfig = cluster.tokenKubeconfig(ns, "db-failover-guard");
    List<String> allowed = List.of("get pods -n " + ns, "list pods -n " + ns,
        "watch pods -n " + ns, "list persistentvolumeclaims -n " + ns, "create events -n " + ns,
        "get nodes", "list nodes", "watch nodes", "patch nodes",
        "list volumeattachments.storage.k8s.io", "watch volumeattachments.storage.k8s.io");
    List<String> denied = List.of("get secrets -n " + ns, "list secrets --all-namespaces",
        "create pods -n " + ns, "delete pods -n " + ns, "patch pods -n " + ns,
        "create pods/eviction -n " + ns, "delete nodes", "update nodes", "create nodes",
        "delete volumeattachments.storage.k8s.io", "get pods -n default",
        "create events -n default", "patch deployments.apps -n " + ns,
        "update persistentvolumeclaims -n " + ns);
    List<String> wrong = new ArrayList<>();
    for (String question : allowed) {
      if (!canI(kubeconfig, question)) {
        wrong.add("denied: " + question);
      }
    }
    for (String question : denied) {
      if (canI(kubeconfig, question)) {
        wrong.add("allowed: " + question);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void applyingTheGuardNeedsTheRightsItsRolesGrant() throws Exception {
    String ns = cluster.newNamespace("guard-grant");
    ApplyFixtures.createSecret(admin, ns);
    // A deployer who may manage every kind of the output, roles and bindings included, but holds
    // none of the rights on nodes and VolumeAttachments the guard's ClusterRole grants.
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
        .withName(ns + "-deployer").endMetadata()
        .addNewRule().withApiGroups("").withResources("pods", "services",
            "persistentvolumeclaims", "secrets", "configmaps", "serviceaccounts", "events",
            "namespaces").withVerbs("*").endRule()
        .addNewRule().withApiGroups("apps").withResources("deployments", "statefulsets")
            .withVerbs("*").endRule()
        .addNewRule().withApiGroups("storage.k8s.io").withResources("storageclasses")
            .withVerbs("*").endRule()
        .addNewRule().withApiGroups("networking.k8s.io").withResources("networkpolicies")
            .withVerbs("*").endRule()
        .addNewRule().withApiGroups("batch").withResources("jobs").withVerbs("*").endRule()
        // Not "*": that holds escalate and bind, which let anyone grant anything.
        .addNewRule().withApiGroups("rbac.authorization.k8s.io").withResources("roles",
            "rolebindings", "clusterroles", "clusterrolebindings")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule()
        .build()).create();
    Path kubeconfig = cluster.serviceAccountKubeconfig(ns, "deployer");
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName(ns + "-deployer").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", ns + "-deployer")
        .addNewSubject().withKind("ServiceAccount").withName("deployer").withNamespace(ns)
        .endSubject().build()).create();
    ApplyFixtures.Instance db = ApplyFixtures.instance(SimulatedDatabases.settings(ns, ns,
        "Deployment", FAILOVER_SECONDS, GUARD));

    try (KubernetesClient deployer = ClusterConnector.connect(new ClusterSettings(
        Optional.of(kubeconfig), Optional.empty(), Duration.ofSeconds(10)))) {
      SqledgeException e = assertThrows(SqledgeException.class, () -> new Applier(deployer,
          new ApplyFixtures.RecordingLog()).apply(db.request(ns)));
      String problem = e.problems().get(0).message();
      assertTrue(problem.contains("forbidden (403)"), e::getMessage);
      assertTrue(problem.contains("attempting to grant RBAC permissions not currently held"),
          e::getMessage);
      assertTrue(e.problems().get(0).fix().startsWith("the account that applies must itself"
          + " hold every right ClusterRole/sqledge-failover-guard." + ns + ".db grants"),
          e.problems().get(0)::fix);

      // With escalate and bind on roles (what a rule's "*" holds), it may grant what it lacks.
      admin.rbac().clusterRoles().withName(ns + "-deployer").edit(role -> new ClusterRoleBuilder(
          role).addNewRule().withApiGroups("rbac.authorization.k8s.io")
          .withResources("clusterroles", "roles").withVerbs("escalate", "bind").endRule()
          .build());
      cluster.await(LONG, "apply to pass once the deployer may escalate", () -> {
        try {
          new Applier(deployer, new ApplyFixtures.RecordingLog()).apply(db.request(ns));
          return true;
        } catch (SqledgeException refused) {
          return false;
        }
      });
    }
  }

  private static boolean canI(Path kubeconfig, String question) throws Exception {
    List<String> command = new ArrayList<>(List.of(KubeBinaries.binary("kubectl").toString(),
        "--kubeconfig=" + kubeconfig, "auth", "can-i"));
    command.addAll(List.of(question.split(" ")));
    // It warns on stderr that nodes have no namespace; the answer is on stdout.
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    int code = process.waitFor();
    if (!out.equals("yes") && !out.equals("no")) {
      throw new AssertionError("kubectl auth can-i " + question + ": " + out);
    }
    return code == 0;
  }

  /** The guard's container, started, once it has said what it guards. */
  private static GuardProcess startGuard(Database db) throws Exception {
    GuardProcess guard = GuardProcess.start(cluster, db.instance().manifests(), db.namespace());
    awaitLog(guard, "guarding " + db.namespace() + "/db");
    return guard;
  }

  /**
   * The node's machine stops: its kubelet is gone, the node goes NotReady, and the cloud
   * controller manager, seeing the machine stopped, puts its shutdown taint on the node.
   */
  private static void machineStops(String node) {
    cluster.killKubelet(node);
    cluster.await(LONG, "node " + node + " to be NotReady", () -> !cluster.isReady(node));
    on.cloudShutdown(node);
  }

  private static List<Pod> guardPods(String ns) {
    return admin.pods().inNamespace(ns)
        .withLabel(SimulatedDatabases.NAME_LABEL, "sqledge-failover-guard").list().getItems();
  }

  /** The node of the guard's ready pod, once there is one. */
  private static String guardNode(String ns) {
    cluster.await(LONG, "the guard's pod to be ready", () -> guardPods(ns).stream()
        .anyMatch(p -> p.getMetadata().getDeletionTimestamp() == null
            && SimulatedDatabases.ready(p)));
    return guardPods(ns).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(SimulatedDatabases::ready).findFirst().orElseThrow().getSpec().getNodeName();
  }

  private static void awaitLog(GuardProcess guard, String text) {
    cluster.await(LONG, "the guard to say \"" + text + "\"", () -> {
      if (!guard.isAlive()) {
        throw new AssertionError("the guard exited:\n" + guard.log());
      }
      return guard.log().contains(text);
    });
  }

  private static boolean terminating(String ns, Pod pod) {
    Pod live = admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
    return live != null && live.getMetadata().getDeletionTimestamp() != null;
  }

  private static boolean event(String ns, Pod pod, String reason) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(e -> reason.equals(e.getReason())
            && uid(pod).equals(e.getInvolvedObject().getUid())
            && "sqledge-failover-guard".equals(e.getSource().getComponent()));
  }
}
