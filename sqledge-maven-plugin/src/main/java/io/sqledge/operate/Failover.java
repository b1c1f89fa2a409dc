package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.ApiErrors;
import io.sqledge.apply.ApplyLog;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.InstanceStatus.PodState;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Kubernetes' non-graceful node shutdown, for the node that holds an instance: once the node has
 * been down for a while and the user says it is really off, the out-of-service taint lets
 * Kubernetes delete the pods it kept there and detach their disks, so that the database starts
 * on another node with its data. Without it, a ReadWriteOnce disk stays attached to the dead node
 * (the replacement pod waits on a Multi-Attach error) until the node comes back.
 */
public final class Failover {

  public static final String TAINT_KEY = "node.kubernetes.io/out-of-service";
  public static final String TAINT_VALUE = "nodeshutdown";

  private final KubernetesClient client;
  private final ApplyLog log;
  private final Duration pollInterval;

  public Failover(KubernetesClient client, ApplyLog log, Duration pollInterval) {
    this.client = client;
    this.log = log;
    this.pollInterval = pollInterval;
  }

  /** How long each phase took, from the taint on. */
  public record Phase(String what, Duration after) {}

  /** The phases in order and the node the database runs on now. */
  public record Report(List<Phase> phases, String newNode) {}

  /**
   * Moves the instance off {@code nodeName}.
   *
   * @param minimumDown how long the node must have been NotReady or Unknown: a node that reboots
   *     comes back by itself, and its disk with it
   */
  public Report run(ManifestSet manifests, String namespace, String nodeName,
      Duration minimumDown, Duration timeout) throws SqledgeException {
    StatusReader reader = new StatusReader(client);
    Node node = read(nodeName);
    checkDown(node, minimumDown);
    InstanceStatus before = reader.read(manifests, namespace);
    if (!holds(before, nodeName)) {
      throw refused(nodeName, "the database of " + before.workload() + " has neither a pod nor"
          + " its disk on node " + nodeName, "nothing to do here; mvn sqledge:status shows where"
          + " it runs");
    }
    log.warn("node " + nodeName + " must really be off (powered down, or cut off from its"
        + " disks): the out-of-service taint tells Kubernetes that its containers are gone. If"
        + " the database still ran there, two servers would write one disk.");
    taint(node);
    long start = System.nanoTime();
    List<Phase> phases = new ArrayList<>();
    await(reader, manifests, namespace, timeout, start, phases,
        "the pods on " + nodeName + " removed", s -> s.pods().stream().noneMatch(onNode(nodeName)));
    InstanceStatus moved = await(reader, manifests, namespace, timeout, start, phases,
        "a pod scheduled on another node", s -> s.pods().stream()
            .anyMatch(p -> !p.terminating() && p.node().filter(n -> !n.equals(nodeName))
                .isPresent()));
    String newNode = moved.pods().stream().filter(p -> !p.terminating())
        .flatMap(p -> p.node().stream()).findFirst().orElseThrow();
    await(reader, manifests, namespace, timeout, start, phases, "the disk attached to " + newNode,
        s -> s.claims().stream().allMatch(c -> c.attachments().map(list -> list.stream()
            .anyMatch(a -> a.attached() && a.node().equals(newNode))).orElse(true)));
    await(reader, manifests, namespace, timeout, start, phases, "the pod ready on " + newNode,
        s -> s.pods().stream().anyMatch(p -> p.ready() && p.node().equals(Optional.of(newNode))));
    log.info("once node " + nodeName + " is repaired and its kubelet is back, let it take pods"
        + " again: kubectl taint nodes " + nodeName + " " + TAINT_KEY + "=" + TAINT_VALUE
        + ":NoExecute-");
    return new Report(phases, newNode);
  }

  /** Whether the instance has a pod, or its disk, on the node. */
  public static boolean holds(InstanceStatus status, String node) {
    return status.pods().stream().anyMatch(onNode(node)) || status.claims().stream()
        .flatMap(c -> c.attachments().orElse(List.of()).stream())
        .anyMatch(a -> a.node().equals(node));
  }

  private static Predicate<PodState> onNode(String node) {
    return pod -> pod.node().equals(Optional.of(node));
  }

  private Node read(String nodeName) throws SqledgeException {
    try {
      Node node = client.nodes().withName(nodeName).get();
      if (node == null) {
        throw refused(nodeName, "there is no node " + nodeName, "name a node of kubectl get"
            + " nodes; mvn sqledge:status shows the one the database runs on");
      }
      return node;
    } catch (KubernetesClientException e) {
      throw failed(nodeName, "reading", e);
    }
  }

  private static void checkDown(Node node, Duration minimumDown) throws SqledgeException {
    String name = node.getMetadata().getName();
    Optional<NodeCondition> ready = node.getStatus() == null ? Optional.empty()
        : node.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("Ready")).findFirst();
    if (ready.map(c -> c.getStatus().equals("True")).orElse(false)) {
      throw refused(name, "node " + name + " is Ready: its kubelet runs, and it stops and"
          + " moves pods itself", "to move the database off a working node, drain it: kubectl"
          + " drain " + name + " --ignore-daemonsets");
    }
    Duration down = ready.map(c -> Duration.between(Instant.parse(c.getLastTransitionTime()),
        Instant.now())).orElse(Duration.ZERO);
    if (down.compareTo(minimumDown) < 0) {
      throw refused(name, "node " + name + " has been down for " + down.toSeconds() + "s"
          + " only; a node that restarts comes back by itself, with its disk", "wait until it"
          + " has been down for " + minimumDown.toSeconds() + "s (-Dsqledge.failover.minimumDown"
          + " sets how long) and make sure it is off");
    }
  }

  private void taint(Node node) throws SqledgeException {
    String name = node.getMetadata().getName();
    List<Taint> taints = node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    if (taints.stream().anyMatch(t -> t.getKey().equals(TAINT_KEY))) {
      log.info("node " + name + " already has the " + TAINT_KEY + " taint");
      return;
    }
    // The node controller rewrites the taints of a node that goes down (not-ready, unreachable):
    // a patch computed from an older read may meet its change, and is then made anew.
    for (int attempt = 1; ; attempt++) {
      try {
        client.nodes().withName(name).edit(live -> new NodeBuilder(live).editSpec()
            .addToTaints(new TaintBuilder().withKey(TAINT_KEY).withValue(TAINT_VALUE)
                .withEffect("NoExecute").build())
            .endSpec().build());
        break;
      } catch (KubernetesClientException e) {
        boolean raced = e.getCode() == 409 || e.getCode() == 422;
        if (!raced || attempt == 5) {
          throw failed(name, "tainting", e);
        }
      }
    }
    log.info("node " + name + " tainted " + TAINT_KEY + "=" + TAINT_VALUE + ":NoExecute");
  }

  private InstanceStatus await(StatusReader reader, ManifestSet manifests, String namespace,
      Duration timeout, long start, List<Phase> phases, String what,
      Predicate<InstanceStatus> done) throws SqledgeException {
    while (true) {
      InstanceStatus status = reader.read(manifests, namespace);
      Duration after = Duration.ofNanos(System.nanoTime() - start);
      if (done.test(status)) {
        phases.add(new Phase(what, after));
        log.info(what + " (" + after.toMillis() / 100 / 10.0 + "s)");
        return status;
      }
      if (after.compareTo(timeout) > 0) {
        List<Problem> problems = new ArrayList<>();
        problems.add(Problem.error(Origin.resource(status.workload()), "", "still waiting for "
            + what + " after " + timeout.toSeconds() + "s", "mvn sqledge:status shows what is"
            + " stuck; -Dsqledge.timeout=<seconds> waits longer"));
        status.diagnoses().forEach(d -> problems.add(Problem.error(
            Origin.resource(status.workload()), "", d.problem(), d.remedy())));
        throw new SqledgeException("sqledge: failover timed out waiting for " + what, problems);
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SqledgeException("sqledge: failover interrupted", List.of());
      }
    }
  }

  private static SqledgeException refused(String node, String message, String fix) {
    return new SqledgeException("sqledge: failover refused",
        List.of(Problem.error(Origin.resource("Node/" + node), "", message, fix)));
  }

  private SqledgeException failed(String node, String verb, KubernetesClientException e) {
    return new SqledgeException("sqledge: failover failed " + verb + " Node/" + node,
        List.of(ApiErrors.describe("Node/" + node, "", verb, e, Optional.empty(),
            String.valueOf(client.getMasterUrl()))), e);
  }
}
