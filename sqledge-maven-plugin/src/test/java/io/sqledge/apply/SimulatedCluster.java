package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Kubernetes cluster whose control plane is real and whose machines are simulated: a
 * kube-apiserver with etcd (kube-api-test), the real kube-controller-manager and kube-scheduler,
 * and KWOK playing the kubelets and the cloud's controllers (the stages in
 * simulated-cluster-stages.yaml). Pods are scheduled, evicted and replaced, claims provisioned
 * and bound, disks attached and detached, load balancers given addresses — by the same code as
 * on a real cluster; only containers do not run.
 *
 * <p>Started once per JVM ({@link #shared()}) and stopped with it, every process with it. Tests
 * isolate themselves by namespace and by a pool of nodes of their own ({@link #addNodes}), which
 * their pods select with {@code pod.nodeSelector}.
 *
 * <p>The controller-manager notices a dead node within the {@link Timing}'s grace period (the
 * tests' 10 s; production's 50 s in the HA drill); everything after that runs at Kubernetes' own
 * speed.
 */
public final class SimulatedCluster {

  /**
   * How fast the control plane notices a dead node: kube-controller-manager's
   * --node-monitor-period and --node-monitor-grace-period, and the node leases KWOK keeps (renewed
   * every quarter of their duration, as the kubelet renews its own).
   */
  public enum Timing {
    /** The tests' and the drill's: NotReady about 10 s after the kubelet died. */
    FAST(1, 10, 8),
    /** Kubernetes' defaults: monitor every 5 s, grace 50 s (1.32+), leases of 40 s. */
    PRODUCTION(5, 50, 40);

    final int monitorPeriodSeconds;
    final int graceSeconds;
    final int leaseSeconds;

    Timing(int monitorPeriodSeconds, int graceSeconds, int leaseSeconds) {
      this.monitorPeriodSeconds = monitorPeriodSeconds;
      this.graceSeconds = graceSeconds;
      this.leaseSeconds = leaseSeconds;
    }

    /** The settings, as the drill's table states them. */
    public String describe() {
      return "kube-controller-manager --node-monitor-period=" + monitorPeriodSeconds
          + "s --node-monitor-grace-period=" + graceSeconds + "s; node leases of " + leaseSeconds
          + " s renewed every " + leaseSeconds / 4 + " s";
    }
  }
  /** The label kwok manages nodes by: a node without it has a dead kubelet. */
  static final String KUBELET_LABEL = "sqledge.test/kubelet";
  /** The label a test's pool of nodes carries; pods select it with pod.nodeSelector. */
  public static final String POOL_LABEL = "sqledge.test/pool";

  private static SimulatedCluster shared;

  private final RealCluster api;
  private final Path workDir;
  private final Path kubeconfig;
  private final KubernetesClient admin;
  private final List<Process> processes = new ArrayList<>();
  private final List<String> processNames = new ArrayList<>();
  private boolean stopped;

  private final Timing timing;

  private SimulatedCluster(RealCluster api, Path workDir, Timing timing) {
    this.api = api;
    this.timing = timing;
    this.workDir = workDir;
    this.kubeconfig = api.kubeconfig();
    this.admin = api.admin();
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized SimulatedCluster shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /** A new cluster with the tests' timing; the caller stops it ({@link #stop}). */
  public static SimulatedCluster start() {
    return start(Timing.FAST);
  }

  /** A new cluster; the caller stops it ({@link #stop}). */
  public static SimulatedCluster start(Timing timing) {
    return start(RealCluster.start(), timing);
  }

  /**
   * A new cluster whose API server keeps an audit log of every request ({@link #api}'s {@code
   * audited}); the caller stops it.
   */
  public static SimulatedCluster startAudited() {
    return start(RealCluster.startAudited(), Timing.FAST);
  }

  private static SimulatedCluster start(RealCluster api, Timing timing) {
    SimulatedCluster cluster;
    try {
      cluster = new SimulatedCluster(api, Files.createTempDirectory("sqledge-simulated-"), timing);
    } catch (IOException | RuntimeException e) {
      api.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    try {
      cluster.startControlPlane();
    } catch (IOException | RuntimeException e) {
      cluster.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return cluster;
  }

  private void startControlPlane() throws IOException {
    String config = "--kubeconfig=" + kubeconfig;
    launch("kube-controller-manager", config, "--leader-elect=false", "--secure-port=0",
        "--node-monitor-period=" + timing.monitorPeriodSeconds + "s",
        "--node-monitor-grace-period=" + timing.graceSeconds + "s", "--v=2");
    launch("kube-scheduler", config, "--leader-elect=false", "--secure-port=0", "--v=2");
    Path stages = workDir.resolve("stages.yaml");
    try (InputStream in = SimulatedCluster.class
        .getResourceAsStream("simulated-cluster-stages.yaml")) {
      Files.copy(in, stages);
    }
    // KWOK renews a lease every quarter of its duration, well inside the grace period above.
    launch("kwok", config, "--config=" + stages, "--manage-all-nodes=false",
        "--manage-nodes-with-label-selector=" + KUBELET_LABEL + "=up",
        "--node-lease-duration-seconds=" + timing.leaseSeconds, "--cidr=10.244.0.0/16");
  }

  private void launch(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(KubeBinaries.binary(name).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve(name + ".log").toFile());
    // kwok reads ~/.kwok/kwok.yaml when it exists: a home of its own keeps a user's out.
    builder.environment().put("HOME", workDir.toString());
    processes.add(builder.start());
    processNames.add(name);
  }

  /**
   * Stops every process this cluster started, and the API server and etcd. Once: a shutdown
   * hook may call it again.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (int i = processes.size() - 1; i >= 0; i--) {
      stop(processes.get(i));
    }
    processes.clear();
    api.stop();
  }

  /** Stops a process of the tests: SIGTERM, then, after 10 s, for good. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@code count} new nodes in {@code pool}, with live kubelets, once they are Ready. Each carries
   * the annotation without which the attach-detach controller leaves its disks alone.
   */
  public List<String> addNodes(String pool, int count) {
    List<String> names = IntStream.rangeClosed(1, count).mapToObj(i -> pool + "-" + i).toList();
    for (String name : names) {
      admin.nodes().resource(new NodeBuilder()
          .withNewMetadata().withName(name)
          .withLabels(Map.of(KUBELET_LABEL, "up", POOL_LABEL, pool,
              "kubernetes.io/hostname", name, "kubernetes.io/os", "linux",
              "kubernetes.io/arch", "amd64"))
          .withAnnotations(Map.of(
              "volumes.kubernetes.io/controller-managed-attach-detach", "true",
              "node.alpha.kubernetes.io/ttl", "0"))
          .endMetadata()
          .build()).create();
    }
    await(Duration.ofSeconds(60), "nodes " + names + " to be Ready",
        () -> names.stream().allMatch(this::isReady));
    return names;
  }

  /** Its kubelet stops: no heartbeats, no pod updates. The machine's disks stay attached. */
  public void killKubelet(String node) {
    editNode(node, n -> new NodeBuilder(n).editMetadata()
        .removeFromLabels(KUBELET_LABEL).endMetadata().build());
  }

  /** Its kubelet is back. */
  public void reviveKubelet(String node) {
    editNode(node, n -> new NodeBuilder(n).editMetadata()
        .addToLabels(KUBELET_LABEL, "up").endMetadata().build());
  }

  /**
   * Changes a node as a test means to. The node controller and KWOK write nodes too (taints,
   * conditions): a change computed from an older read meets theirs, as a conflict (409) or as a
   * JSON patch whose list positions no longer hold (422), and is made anew from a new read, as
   * io.sqledge.operate.Failover does.
   */
  public void editNode(String node, UnaryOperator<Node> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        admin.nodes().withName(node).edit(change);
        return;
      } catch (KubernetesClientException e) {
        boolean raced = e.getCode() == 409 || e.getCode() == 422;
        if (!raced || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /** Whether the node's Ready condition is True. */
  public boolean isReady(String node) {
    return readyStatus(node).equals("True");
  }

  /** The status of the node's Ready condition: True, False, Unknown, or none. */
  public String readyStatus(String node) {
    Node live = admin.nodes().withName(node).get();
    if (live == null || live.getStatus() == null || live.getStatus().getConditions() == null) {
      return "none";
    }
    return live.getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals("Ready"))
        .map(NodeCondition::getStatus)
        .findFirst().orElse("none");
  }

  /**
   * Polls {@code condition} until it holds; fails with what the cluster was doing if it does not
   * within {@code timeout}, or at once if a process of the cluster has died.
   */
  public void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      checkAlive();
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for "
            + what + "\n" + describe());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  private void checkAlive() {
    for (int i = 0; i < processes.size(); i++) {
      if (!processes.get(i).isAlive()) {
        throw new IllegalStateException(processNames.get(i) + " of the simulated cluster exited"
            + " with " + processes.get(i).exitValue() + "; the end of its log:\n"
            + tail(workDir.resolve(processNames.get(i) + ".log")));
      }
    }
  }

  /**
   * Waits until what apply's readiness does not cover has caught up in {@code namespace}: every
   * ready pod's claims have their volumes attached to its node, and every Service's endpoints are
   * the ready pods. On this cluster a pod runs as soon as it is scheduled, before the
   * attach-detach controller has attached its disk and before the endpoint-slice controller has
   * seen it (a real kubelet waits for the attach), so a test that reads either right after apply
   * must wait for it first.
   */
  public void awaitSettled(String namespace) {
    await(Duration.ofSeconds(60), "the disks and endpoints of the pods in " + namespace,
        () -> settled(namespace));
  }

  private boolean settled(String namespace) {
    List<Pod> ready = admin.pods().inNamespace(namespace)
        .withLabel(SimulatedDatabases.NAME_LABEL, SimulatedDatabases.DATABASE).list().getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(SimulatedDatabases::ready)
        .toList();
    if (ready.isEmpty()) {
      return false;
    }
    List<VolumeAttachment> attachments = admin.storage().v1().volumeAttachments().list()
        .getItems();
    for (Pod pod : ready) {
      for (Volume volume : pod.getSpec().getVolumes()) {
        if (volume.getPersistentVolumeClaim() == null) {
          continue;
        }
        PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(namespace)
            .withName(volume.getPersistentVolumeClaim().getClaimName()).get();
        String pv = claim == null ? null : claim.getSpec().getVolumeName();
        boolean attached = pv != null && attachments.stream().anyMatch(a ->
            pv.equals(a.getSpec().getSource().getPersistentVolumeName())
                && pod.getSpec().getNodeName().equals(a.getSpec().getNodeName())
                && a.getStatus() != null && Boolean.TRUE.equals(a.getStatus().getAttached()));
        if (!attached) {
          return false;
        }
      }
    }
    Set<String> podIps = ready.stream().map(p -> p.getStatus().getPodIP())
        .collect(Collectors.toSet());
    return admin.discovery().v1().endpointSlices().inNamespace(namespace).list().getItems()
        .stream().allMatch(slice -> podIps.equals(Set.copyOf(
            SimulatedDatabases.readyAddresses(slice))));
  }

  /** What a failing test should show: nodes, pods and the latest events. */
  public String describe() {
    String nodes = admin.nodes().list().getItems().stream()
        .map(n -> n.getMetadata().getName() + " " + readyStatus(n.getMetadata().getName())
            + " " + n.getMetadata().getLabels().getOrDefault(KUBELET_LABEL, "(kubelet dead)"))
        .collect(Collectors.joining("\n  ", "nodes:\n  ", "\n"));
    String pods = admin.pods().inAnyNamespace().list().getItems().stream()
        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + " on "
            + p.getSpec().getNodeName() + " " + p.getStatus().getPhase()
            + (p.getMetadata().getDeletionTimestamp() != null ? " Terminating" : ""))
        .collect(Collectors.joining("\n  ", "pods:\n  ", "\n"));
    List<Event> all = admin.v1().events().inAnyNamespace().list().getItems();
    String events = all.stream()
        .skip(Math.max(0, all.size() - 20))
        .map(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName() + " "
            + e.getReason() + ": " + e.getMessage())
        .collect(Collectors.joining("\n  ", "events:\n  ", "\n"));
    return nodes + pods + events;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** A client with full rights. */
  public KubernetesClient admin() {
    return admin;
  }

  /** A kubeconfig file for this cluster, as a user would have one. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The API server under the cluster. */
  public RealCluster api() {
    return api;
  }

  public Timing timing() {
    return timing;
  }

  public ClusterSettings settings() {
    return api.settings();
  }

  /** A kubeconfig file with a token of the existing ServiceAccount {@code namespace/name}. */
  public Path tokenKubeconfig(String namespace, String name) throws IOException {
    return api.tokenKubeconfig(namespace, name);
  }

  /** A new ServiceAccount {@code namespace/name}, with no rights, and a kubeconfig for it. */
  public Path serviceAccountKubeconfig(String namespace, String name) throws IOException {
    return api.serviceAccountKubeconfig(namespace, name);
  }

  /** A fresh namespace, created, with a unique name. */
  public String newNamespace(String prefix) {
    return api.newNamespace(prefix);
  }
}
