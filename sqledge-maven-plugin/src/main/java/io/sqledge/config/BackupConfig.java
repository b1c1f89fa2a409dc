package io.sqledge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled backups: a CronJob per kind that has a schedule, writing to a claim of their own. No
 * schedule, no backups (the default). See docs/backups.md.
 */
public record BackupConfig(
    @Key(value = "", doc = "When to take full backups: a CronJob schedule (`0 0 * * 0`, Sundays"
        + " at midnight; `@weekly`), checked as Kubernetes checks it. Empty: none. The job"
        + " `<name>-backup-full` also deletes the backups that `backup.retentionDays` let"
        + " expire.")
    String full,
    @Key(value = "", doc = "When to take differential backups (what changed since the last full"
        + " one), for example `0 */12 * * *`. Empty: none.")
    String differential,
    @Key(value = "", doc = "When to back up the transaction log, for example `*/5 * * * *`: what a"
        + " restore to a point in time replays. Needs `engine.recoveryModel: FULL`. Empty: none.")
    String log,
    @Key(value = "Etc/UTC", doc = "The time zone the schedules are read in (the CronJobs'"
        + " `timeZone`): a name of the IANA time zone database. Backup files are named in UTC"
        + " whatever it is.")
    String timeZone,
    @Key(value = "7", min = 1, max = 3650, doc = "How many days of backups to keep: every job,"
        + " once its backup worked, deletes the files that fell out of the window, except what a kept backup needs (the"
        + " full backup a kept differential or log backup builds on).")
    long retentionDays,
    @Key(value = "[]", doc = "The databases to back up. Empty: every user database that exists"
        + " when the job runs (not `master`, `model`, `msdb`, `tempdb`).")
    List<String> databases,
    BackupClaimConfig claim,
    @Key(value = "", doc = "Back up to object storage instead of the claim: S3-compatible"
        + " storage, `s3://<host>[:port]/<bucket>[/<path>]` (SQL Server 2022 and later), or Azure"
        + " Blob storage, `https://<account>.blob.core.windows.net/<container>[/<path>]` (every"
        + " engine). Empty: the claim. See [Backups](backups.md#to-object-storage).")
    String url,
    @Key(value = "mssql-backup-credential", doc = "With `backup.url`: the Secret that holds the"
        + " bucket's `accessKeyId` and `secretAccessKey` (S3), or the container's `sasToken` (Azure"
        + " Blob storage).")
    String credentialSecret,
    @Key(value = "300", min = 10, max = 86400, doc = "A run the CronJob controller could not start"
        + " within this many seconds of its time (the controller away, or the kind's last run"
        + " still going) is skipped rather than started late (the CronJobs'"
        + " `startingDeadlineSeconds`).")
    long startingDeadlineSeconds,
    @Key(value = "14400", min = 60, max = 604800, doc = "How long a backup job may run before"
        + " Kubernetes stops it (`activeDeadlineSeconds`).")
    long activeDeadlineSeconds,
    @Key(value = "1", min = 0, max = 10, doc = "How many times a failed backup is tried again"
        + " (the jobs' `backoffLimit`).")
    long backoffLimit) {

  /** Whether the output carries backups: some kind has a schedule. */
  public boolean enabled() {
    return !schedules().isEmpty();
  }

  /** The kinds that have a schedule, by their word ({@code full}, …), in that order. */
  public Map<String, String> schedules() {
    Map<String, String> schedules = new LinkedHashMap<>();
    if (!full.isEmpty()) {
      schedules.put("full", full);
    }
    if (!differential.isEmpty()) {
      schedules.put("differential", differential);
    }
    if (!log.isEmpty()) {
      schedules.put("log", log);
    }
    return schedules;
  }

  /** Whether backups go to object storage ({@code backup.url}) rather than to the claim. */
  public boolean toUrl() {
    return !url.isEmpty();
  }

  /** The backup claim's name: {@code backup.claim.name}, else {@code <instance>-backup}. */
  public String claimName(String instance) {
    return claim.name().isEmpty() ? instance + "-backup" : claim.name();
  }
}
