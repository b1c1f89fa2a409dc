package io.sqledge.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.operate.InstanceStatus.BackupState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How status tells the backups, and when it warns that a scheduled one did not work. */
class BackupStatusTest {

  private static final Instant SUNDAY = Instant.parse("2026-12-06T00:00:00Z");

  private static List<String> lines(BackupState backup) {
    return StatusLines.of(new InstanceStatus("shop", "Deployment/db", List.of(), List.of(),
        Optional.empty(), List.of(), List.of(), InstanceStatus.AutomaticFailover.NONE,
        List.of(backup), Optional.empty()));
  }

  @Test
  void aBackupThatWorkedAfterItsScheduleIsFine() {
    BackupState full = new BackupState("full", "0 0 * * 0", true,
        Optional.of(SUNDAY.plusSeconds(300)), Optional.of(SUNDAY), false);
    assertFalse(full.missed());
    assertEquals(List.of("  full backups (0 0 * * 0): last succeeded 2026-12-06T00:05:00Z,"
        + " last scheduled 2026-12-06T00:00:00Z"), lines(full).subList(4, lines(full).size()));
  }

  @Test
  void aScheduledBackupThatDidNotWorkIsAWarning() {
    BackupState full = new BackupState("full", "0 0 * * 0", true,
        Optional.of(SUNDAY.minusSeconds(7 * 86400)), Optional.of(SUNDAY), false);
    assertTrue(full.missed());
    assertTrue(lines(full).contains("  warning: the full backup scheduled at 2026-12-06T00:00:00Z"
        + " did not succeed: kubectl get jobs -l sqledge.io/backup-kind=full -n shop"
        + " (docs/backups.md#when-a-backup-fails)"), lines(full)::toString);
    BackupState never = new BackupState("log", "*/5 * * * *", true, Optional.empty(),
        Optional.of(SUNDAY), false);
    assertTrue(never.missed());
  }

  @Test
  void oneThatRunsOrWasNeverScheduledIsNoWarning() {
    assertFalse(new BackupState("full", "0 0 * * 0", true, Optional.empty(), Optional.of(SUNDAY),
        true).missed());
    BackupState fresh = new BackupState("full", "0 0 * * 0", true, Optional.empty(),
        Optional.empty(), false);
    assertFalse(fresh.missed());
    assertTrue(lines(fresh).contains("  full backups (0 0 * * 0): last succeeded never"));
  }
}
