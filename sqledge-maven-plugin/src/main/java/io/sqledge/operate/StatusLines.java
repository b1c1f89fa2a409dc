package io.sqledge.operate;

import io.sqledge.operate.InstanceStatus.Attachment;
import io.sqledge.operate.InstanceStatus.BackupState;
import io.sqledge.operate.InstanceStatus.ClaimState;
import io.sqledge.operate.InstanceStatus.PodState;

import io.sqledge.render.BackupModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** An {@link InstanceStatus} as the lines the status goal prints. */
public final class StatusLines {

  private StatusLines() {}

  public static List<String> of(InstanceStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add(status.workload() + " in namespace " + status.namespace());
    if (status.pods().isEmpty()) {
      lines.add("  no pod");
    }
    for (PodState pod : status.pods()) {
      lines.add("  pod " + pod.name() + ": " + (pod.terminating() ? "Terminating" : pod.phase())
          + (pod.ready() ? ", ready" : ", not ready")
          + pod.node().map(node -> ", on node " + node
              + pod.nodeReady().map(ready -> " (Ready: " + ready + ")").orElse("")).orElse(
                  ", not scheduled")
          + ", " + pod.restarts() + " restarts"
          + pod.waitingReason().map(reason -> ", waiting: " + reason).orElse("")
          + pod.lastTermination().map(reason -> ", last ended: " + reason).orElse(""));
    }
    for (ClaimState claim : status.claims()) {
      lines.add("  claim " + claim.name() + ": " + claim.phase()
          + claim.volume().map(volume -> ", volume " + volume).orElse("")
          + claim.attachments().map(StatusLines::attachments).orElse(
              ", attachments not readable (cluster-scoped)"));
    }
    lines.add("  address: " + status.address().orElse("none assigned yet"));
    var failover = status.failover();
    lines.add("  automatic failover: " + (failover.mode().equals("none")
        ? "none (after a node failure, mvn sqledge:failover moves the disk)" : failover.mode()));
    failover.guard().ifPresent(guard -> lines.add("  failover guard: " + guard));
    failover.guard().ifPresent(guard -> lines.add("  failover guard's last action: "
        + failover.lastAction().orElse("none yet")));
    for (BackupState backup : status.backups()) {
      lines.add("  " + backup.kind() + " backups (" + backup.schedule() + "): "
          + (!backup.applied() ? "not applied (mvn sqledge:apply)"
              : "last succeeded " + backup.lastSucceeded().map(Instant::toString).orElse("never")
                  + backup.lastScheduled().map(t -> ", last scheduled " + t).orElse("")
                  + (backup.running() ? ", one running now" : "")));
      if (backup.applied() && backup.missed()) {
        lines.add("  warning: the " + backup.kind() + " backup scheduled at "
            + backup.lastScheduled().orElseThrow() + " did not succeed: kubectl get jobs -l "
            + BackupModel.KIND_LABEL + "=" + backup.kind() + " -n " + status.namespace()
            + " (docs/backups.md#when-a-backup-fails)");
      }
    }
    status.accounts().ifPresent(accounts -> {
      lines.add("  databases and logins: job " + accounts.job() + " " + accounts.state()
          + (accounts.undeclared().isEmpty() ? " (its log is not served: what exists but is not"
              + " declared is not known here)" : ""));
      accounts.undeclared().orElse(List.of()).forEach(found -> lines.add("  not declared,"
          + " kept: " + found));
    });
    status.warnings().forEach(warning -> lines.add("  warning " + warning.object() + " "
        + warning.reason() + ": " + warning.message()));
    return lines;
  }

  private static String attachments(List<Attachment> attachments) {
    return attachments.isEmpty() ? ", not attached" : attachments.stream()
        .map(a -> a.node() + (a.attached() ? "" : " (attaching)"))
        .collect(Collectors.joining(", ", ", attached to ", ""));
  }
}
