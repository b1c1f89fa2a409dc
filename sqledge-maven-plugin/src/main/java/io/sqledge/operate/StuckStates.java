package io.sqledge.operate;

import io.sqledge.operate.InstanceStatus.Attachment;
import io.sqledge.operate.InstanceStatus.Diagnosis;
import io.sqledge.operate.InstanceStatus.PodState;
import io.sqledge.operate.InstanceStatus.Warning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the states in which an instance stays stuck until someone acts, and names the exact
 * remedy for each: the one place that knows them. Pure: it reads an {@link InstanceStatus}.
 */
final class StuckStates {

  private static final Set<String> IMAGE_PULL =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  private StuckStates() {}

  static List<Diagnosis> diagnose(InstanceStatus status) {
    List<Diagnosis> found = new ArrayList<>();
    String ns = status.namespace();
    Set<String> deadNodes = new LinkedHashSet<>();
    for (PodState pod : status.pods()) {
      String describe = "kubectl describe pod " + pod.name() + " -n " + ns;
      Optional<String> deadNode = pod.node().filter(node -> pod.nodeReady()
          .filter(ready -> !ready.equals("True")).isPresent());
      if (pod.terminating() && deadNode.isPresent()) {
        deadNodes.add(deadNode.get());
        found.add(new Diagnosis("pod " + pod.name() + " is stuck Terminating on node "
            + deadNode.get() + ", which is " + notReady(pod.nodeReady().get()) + ": no kubelet"
            + " confirms that its containers stopped, so Kubernetes keeps its disk attached there",
            failover(status, deadNode.get())));
      }
      if (pod.waitingReason().filter(IMAGE_PULL::contains).isPresent()) {
        found.add(new Diagnosis("pod " + pod.name() + " cannot pull its image ("
            + pod.waitingReason().get() + ")", "check engine.image (the tag exists, for the"
            + " node's architecture) and, for a private registry, pod.imagePullSecrets; "
            + describe + " shows the registry's answer"));
      }
      if (pod.lastTermination().filter("OOMKilled"::equals).isPresent()) {
        found.add(new Diagnosis("the database in pod " + pod.name() + " was killed for"
            + " exceeding its memory limit (OOMKilled)", "raise resources.limits.memory, or"
            + " lower engine.memoryLimitMb so that the server stays below the limit"));
      }
      if (pod.waitingReason().filter("CrashLoopBackOff"::equals).isPresent()) {
        found.add(new Diagnosis("the database in pod " + pod.name() + " keeps exiting"
            + " (CrashLoopBackOff, " + pod.restarts() + " restarts)", "read why: kubectl logs "
            + pod.name() + " -n " + ns + " --previous; common causes: the EULA not accepted"
            + " (engine.acceptEula), an SA password the server refuses, a disk it cannot write"
            + " (pod.fsGroup)"));
      }
    }
    // Events outlive the states they report (an hour, by default): each is taken only while the
    // state it reports still holds.
    for (Warning warning : status.warnings()) {
      Optional<PodState> pod = status.pods().stream()
          .filter(p -> warning.object().equals("Pod/" + p.name()) && !p.terminating())
          .findFirst();
      if (warning.reason().equals("FailedAttachVolume")
          && warning.message().contains("Multi-Attach")
          && pod.filter(p -> !diskAttachedTo(status, p)).isPresent()) {
        found.add(multiAttach(status, warning, deadNodes));
      } else if (warning.reason().equals("FailedScheduling")
          && pod.filter(p -> p.node().isEmpty()).isPresent()) {
        found.add(new Diagnosis(warning.object() + " cannot be scheduled: " + warning.message(),
            "check pod.nodeSelector, pod.affinity, pod.tolerations and resources.requests"
                + " against the nodes: kubectl describe " + warning.object().toLowerCase()
                + " -n " + ns));
      } else if (warning.reason().equals("ProvisioningFailed") && status.claims().stream()
          .anyMatch(c -> c.phase().equals("Pending"))) {
        found.add(new Diagnosis(warning.object() + " cannot get a volume: "
            + warning.message(), "check that the StorageClass exists and that its provisioner"
            + " (the CSI driver) is installed: kubectl get storageclass; kubectl get csidrivers"));
      }
    }
    return found.stream().distinct().toList();
  }

  /** Whether the disk is attached to the pod's node (unknown attachments count as attached). */
  private static boolean diskAttachedTo(InstanceStatus status, PodState pod) {
    return status.claims().stream().allMatch(claim -> claim.attachments()
        .map(list -> list.stream().anyMatch(a -> a.attached() && pod.node()
            .equals(Optional.of(a.node())))).orElse(true));
  }

  /** The new pod cannot attach the disk: it is still attached to another node. */
  private static Diagnosis multiAttach(InstanceStatus status, Warning warning,
      Set<String> deadNodes) {
    List<String> holders = status.claims().stream()
        .flatMap(c -> c.attachments().orElse(List.of()).stream())
        .filter(Attachment::attached).map(Attachment::node).distinct().toList();
    String held = holders.isEmpty() ? "another node" : "node " + String.join(", ", holders);
    String problem = warning.object() + " cannot attach the disk: it is still attached to "
        + held + " (Multi-Attach; a ReadWriteOnce disk is on one node at a time)";
    Optional<String> dead = holders.stream().filter(deadNodes::contains).findFirst()
        .or(() -> deadNodes.stream().findFirst());
    return new Diagnosis(problem, dead.map(node -> failover(status, node))
        .orElse("the pod holding it must stop first: kubectl get pods -o wide -n "
            + status.namespace()));
  }

  private static String failover(InstanceStatus status, String node) {
    if (status.failover().mode().equals("guard")) {
      return "the failover guard moves the disk once node " + node + " is known to be off (see"
          + " its last action above and kubectl logs deployment/"
          + status.workload().substring(status.workload().indexOf('/') + 1)
          + "-failover-guard -n " + status.namespace() + "); if you know the node is off and"
          + " the guard cannot tell, run mvn sqledge:failover -Dsqledge.node=" + node;
    }
    return "if node " + node + " is really off (powered down, or cut off from its disks), run"
        + " mvn sqledge:failover -Dsqledge.node=" + node + " (Kubernetes' non-graceful node"
        + " shutdown); if it is coming back, wait for it";
  }

  private static String notReady(String ready) {
    return ready.equals("Unknown") ? "unreachable (Ready: Unknown)" : "NotReady";
  }
}
