package io.sqledge.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.operate.InstanceStatus.Attachment;
import io.sqledge.operate.InstanceStatus.ClaimState;
import io.sqledge.operate.InstanceStatus.Diagnosis;
import io.sqledge.operate.InstanceStatus.PodState;
import io.sqledge.operate.InstanceStatus.Warning;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules on hand-made statuses: every reason a kubelet reports for an image pull, and events
 * whose state has passed. FailoverTest recognises the same states end to end, on what the real
 * controllers and the simulated kubelet wrote.
 */
class StuckStatesTest {

  private static PodState pod(String waiting, String lastEnded, int restarts) {
    return new PodState("db-0", Optional.of("node-1"), Optional.of("True"), "Pending", false,
        false, restarts, Optional.ofNullable(waiting), Optional.ofNullable(lastEnded));
  }

  private static final ClaimState ATTACHED = new ClaimState("mssql-data", "Bound",
      Optional.of("pvc-1"), Optional.of(List.of(new Attachment("node-1", true))));

  private static List<Diagnosis> diagnose(List<PodState> pods, List<ClaimState> claims,
      List<Warning> warnings) {
    return StuckStates.diagnose(new InstanceStatus("data", "Deployment/db", pods, claims,
        Optional.empty(), warnings, List.of(), InstanceStatus.AutomaticFailover.NONE, List.of(),
        Optional.empty()));
  }

  @Test
  void aHealthyInstanceIsNotStuck() {
    PodState running = new PodState("db-0", Optional.of("node-1"), Optional.of("True"),
        "Running", true, false, 0, Optional.empty(), Optional.empty());
    assertEquals(List.of(), diagnose(List.of(running), List.of(ATTACHED), List.of()));
  }

  @Test
  void anImageThatCannotBePulledNamesTheImageSettings() {
    for (String reason : List.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName")) {
      List<Diagnosis> found = diagnose(List.of(pod(reason, null, 0)), List.of(ATTACHED), List.of());
      assertEquals(1, found.size(), reason);
      assertTrue(found.get(0).problem().contains("cannot pull its image (" + reason + ")"));
      assertTrue(found.get(0).remedy().contains("engine.image"));
      assertTrue(found.get(0).remedy().contains("pod.imagePullSecrets"));
    }
  }

  @Test
  void anOomKillNamesTheMemorySettings() {
    List<Diagnosis> found = diagnose(List.of(pod("CrashLoopBackOff", "OOMKilled", 4)),
        List.of(ATTACHED), List.of());
    assertEquals(2, found.size(), found::toString);
    assertTrue(found.get(0).problem().contains("OOMKilled"));
    assertTrue(found.get(0).remedy().contains("resources.limits.memory"));
    assertTrue(found.get(0).remedy().contains("engine.memoryLimitMb"));
    assertTrue(found.get(1).problem().contains("CrashLoopBackOff, 4 restarts"));
    assertTrue(found.get(1).remedy().contains("kubectl logs db-0 -n data --previous"));
  }

  @Test
  void warningsWhoseStateHasPassedAreNotStuckStates() {
    PodState running = new PodState("db-0", Optional.of("node-1"), Optional.of("True"),
        "Running", true, false, 0, Optional.empty(), Optional.empty());
    List<Warning> old = List.of(
        new Warning("Pod/db-0", "FailedAttachVolume", "Multi-Attach error for volume pvc-1"),
        new Warning("Pod/db-0", "FailedScheduling", "0/3 nodes are available"),
        new Warning("Pod/db-gone", "FailedAttachVolume", "Multi-Attach error for volume pvc-1"),
        new Warning("PersistentVolumeClaim/mssql-data", "ProvisioningFailed", "timeout"));
    assertEquals(List.of(), diagnose(List.of(running), List.of(ATTACHED), old));
  }

  @Test
  void aMultiAttachOnALiveNodeAsksForTheOldPodToStop() {
    PodState waiting = new PodState("db-new", Optional.of("node-2"), Optional.of("True"),
        "Pending", false, false, 0, Optional.of("ContainerCreating"), Optional.empty());
    List<Diagnosis> found = diagnose(List.of(waiting), List.of(ATTACHED), List.of(
        new Warning("Pod/db-new", "FailedAttachVolume", "Multi-Attach error for volume pvc-1")));
    assertEquals(1, found.size(), found::toString);
    assertTrue(found.get(0).problem().contains("still attached to node node-1"));
    assertTrue(found.get(0).remedy().contains("the pod holding it must stop first"));
  }

  @Test
  void withTheGuardAStuckPodPointsToTheGuardFirst() {
    PodState stuck = new PodState("db-1", Optional.of("node-1"), Optional.of("Unknown"),
        "Running", false, true, 0, Optional.empty(), Optional.empty());
    InstanceStatus guarded = new InstanceStatus("data", "Deployment/db", List.of(stuck),
        List.of(ATTACHED), Optional.empty(), List.of(), List.of(),
        new InstanceStatus.AutomaticFailover("guard", Optional.of("running on node node-2"),
            Optional.empty()), List.of(), Optional.empty());
    List<Diagnosis> found = StuckStates.diagnose(guarded);
    assertEquals(1, found.size(), found::toString);
    assertTrue(found.get(0).remedy().startsWith("the failover guard moves the disk once node"
        + " node-1 is known to be off"), found.get(0)::remedy);
    assertTrue(found.get(0).remedy().contains(
        "kubectl logs deployment/db-failover-guard -n data"), found.get(0)::remedy);
    List<Diagnosis> unguarded = diagnose(List.of(stuck), List.of(ATTACHED), List.of());
    assertTrue(unguarded.get(0).remedy().startsWith("if node node-1 is really off"),
        unguarded.get(0)::remedy);
  }
}
