package io.sqledge.operate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster made of one instance, as read at one moment: where its pods run and how they
 * are, its disk from claim to attachment, its address, the warnings Kubernetes recorded, and the
 * stuck states recognised in all that.
 *
 * @param namespace the instance's namespace
 * @param workload {@code Deployment/<name>} or {@code StatefulSet/<name>}
 * @param pods the workload's pods, the terminating ones included
 * @param claims the database disk's claims (one; a StatefulSet's may not exist yet)
 * @param address the load-balancer address, or the Service's in-cluster name
 * @param warnings recent warning events of the instance's objects, oldest first
 * @param diagnoses the stuck states recognised, each with its remedy
 * @param failover who moves the disk off a dead node, and how the guard is
 * @param backups the scheduled backups, per kind; empty without any
 * @param accounts the job of the declared databases and logins; empty without any
 */
public record InstanceStatus(
    String namespace,
    String workload,
    List<PodState> pods,
    List<ClaimState> claims,
    Optional<String> address,
    List<Warning> warnings,
    List<Diagnosis> diagnoses,
    AutomaticFailover failover,
    List<BackupState> backups,
    Optional<AccountsState> accounts) {

  public InstanceStatus withDiagnoses(List<Diagnosis> found) {
    return new InstanceStatus(namespace, workload, pods, claims, address, warnings, found,
        failover, backups, accounts);
  }

  /**
   * The job of the declared databases and logins.
   *
   * @param job its name
   * @param state {@code completed}, {@code failed}, {@code running}, or not applied
   * @param undeclared what it found on the server but not in the declaration ({@code database
   *     old_sales}, {@code login bob}); empty when its log cannot be read
   */
  public record AccountsState(String job, String state, Optional<List<String>> undeclared) {}

  /**
   * A pod and its node.
   *
   * @param nodeReady the node's Ready condition: True, False, Unknown, or empty when the pod is
   *     not scheduled or the node cannot be read
   * @param waitingReason why the container is not running (ImagePullBackOff, CrashLoopBackOff…)
   * @param lastTermination why the container last ended (OOMKilled, Error…)
   */
  public record PodState(String name, Optional<String> node, Optional<String> nodeReady,
      String phase, boolean ready, boolean terminating, int restarts,
      Optional<String> waitingReason, Optional<String> lastTermination) {}

  /**
   * A claim, its volume, and the nodes the volume is attached to.
   *
   * @param attachments {@code node (attached)} or {@code node (attaching)}; empty when the
   *     attachments cannot be read (they are cluster-scoped)
   */
  public record ClaimState(String name, String phase, Optional<String> volume,
      Optional<List<Attachment>> attachments) {}

  /** A VolumeAttachment: the volume on {@code node}, attached or still being attached. */
  public record Attachment(String node, boolean attached) {}

  /** A warning event: the object it is about ({@code Pod/db-0}), its reason and message. */
  public record Warning(String object, String reason, String message) {}

  /**
   * {@code ha.automaticFailover} as the cluster shows it.
   *
   * @param mode {@code none} or {@code guard}
   * @param guard how the guard's pod is: {@code running on node n2}, {@code not running (...)};
   *     empty without a guard
   * @param lastAction the guard's latest Event: its reason, message and time
   */
  public record AutomaticFailover(String mode, Optional<String> guard,
      Optional<String> lastAction) {

    public static final AutomaticFailover NONE =
        new AutomaticFailover("none", Optional.empty(), Optional.empty());
  }

  /**
   * One kind of scheduled backup.
   *
   * @param kind {@code full}, {@code differential} or {@code log}
   * @param schedule its CronJob's schedule
   * @param applied whether its CronJob is on the cluster
   * @param lastSucceeded when the newest backup of the kind that worked finished
   * @param lastScheduled when the CronJob controller last started one
   * @param running whether one runs now
   */
  public record BackupState(String kind, String schedule, boolean applied,
      Optional<Instant> lastSucceeded, Optional<Instant> lastScheduled, boolean running) {

    /**
     * Whether the last scheduled backup did not work: it was scheduled, none runs, and no backup
     * of the kind finished since (or ever).
     */
    public boolean missed() {
      return lastScheduled.isPresent() && !running
          && lastSucceeded.map(done -> done.isBefore(lastScheduled.get())).orElse(true);
    }
  }

  /** A stuck state: what is wrong, in the user's terms, and the exact remedy. */
  public record Diagnosis(String problem, String remedy) {}
}
