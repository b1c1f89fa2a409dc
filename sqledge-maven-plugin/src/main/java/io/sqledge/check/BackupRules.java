package io.sqledge.check;

import io.sqledge.config.BackupConfig;
import io.sqledge.config.ConfigLoader;
import io.sqledge.config.Engine;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.sql.BackupStore;
import io.sqledge.sql.Tsql;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of scheduled backups ({@code backup.*}, {@code engine.recoveryModel}): schedules the
 * API server takes, a job image that has sqlcmd, a claim of their own, and names SQL Server can
 * hold. See docs/backups.md.
 */
final class BackupRules {

  /** A CronJob's name leaves 11 characters for the Jobs it names after it (Kubernetes: 52). */
  static final int CRONJOB_NAME_MAX = 52;

  /** The longest job name suffix: {@code -backup-differential}. */
  private static final String LONGEST_SUFFIX = "-backup-differential";

  /**
   * The section as the embedded default has it: loaded only when a configuration sets `backup`
   * without a schedule, never on the way of an ordinary build.
   */
  private static final class Defaults {
    static final BackupConfig BACKUP = ConfigLoader.load(Optional.empty(), Map.of(),
        new Problems()).orElseThrow().backup();
  }

  private BackupRules() {}

  static void check(InstanceConfig config, Rules rules) {
    BackupConfig backup = config.backup();
    if (!backup.enabled()) {
      // Written out at its defaults (say, the whole embedded default copied), it asks for nothing.
      if (config.sources().isSet("backup") && !backup.equals(Defaults.BACKUP)) {
        rules.error("backup", "`backup` is set, but none of `backup.full`, `backup.differential`"
                + " and `backup.log` has a schedule, so nothing would be backed up",
            "give at least one a schedule, for example `full: \"0 0 * * 0\"` (Sundays at"
                + " midnight)");
      }
      return;
    }
    backup.schedules().forEach((kind, schedule) -> CronSchedule.problem(schedule).ifPresent(
        problem -> rules.error("backup." + kind, "`backup." + kind + "` `"
                + Problem.shorten(schedule) + "` " + problem,
            "write five fields (minute hour day-of-month month day-of-week), for example"
                + " `0 0 * * 0`, or a descriptor such as `@weekly`")));
    CronSchedule.zoneProblem(backup.timeZone()).ifPresent(problem -> rules.error(
        "backup.timeZone", "`backup.timeZone` `" + Problem.shorten(backup.timeZone()) + "` "
            + problem, "write a zone such as `Etc/UTC` or `Europe/Berlin`"));
    if (!backup.log().isEmpty() && config.engine().recoveryModel().equals("SIMPLE")) {
      rules.error(List.of("backup.log", "engine.recoveryModel"), "`backup.log` schedules log"
              + " backups, but `engine.recoveryModel` is SIMPLE, in which SQL Server keeps no log"
              + " to back up",
          "use `engine.recoveryModel: FULL`, or leave `backup.log` out");
    }
    if (backup.full().isEmpty()) {
      rules.warning(backup.log().isEmpty() ? "backup.differential" : "backup.log",
          "without `backup.full`, each database's first backup is a full one and every later"
              + " one builds on it: retention can delete nothing, and a restore replays"
              + " everything since",
          "schedule full backups too, for example `full: \"0 0 * * 0\"`");
    }
    checkDatabases(backup.databases(), rules);
    if (backup.toUrl()) {
      checkUrl(config, rules);
    } else {
      checkClaim(config, rules);
    }
    int length = config.name().length();
    if (length + LONGEST_SUFFIX.length() > CRONJOB_NAME_MAX) {
      rules.error("name", "`name` has " + length + " characters; with backups it names the"
              + " CronJob `" + Problem.shorten(config.name()) + LONGEST_SUFFIX + "`, longer than"
              + " the " + CRONJOB_NAME_MAX + " Kubernetes allows a CronJob",
          "use at most " + (CRONJOB_NAME_MAX - LONGEST_SUFFIX.length()) + " characters");
    }
  }

  private static void checkDatabases(List<String> databases, Rules rules) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < databases.size(); i++) {
      String name = databases.get(i);
      String path = "backup.databases[" + i + "]";
      if (name.isEmpty() || name.length() > Tsql.MAX_NAME_LENGTH
          || name.chars().anyMatch(Character::isISOControl)) {
        rules.error(path, "`" + path + "` is not a database name: SQL Server names have 1 to "
                + Tsql.MAX_NAME_LENGTH + " characters and no control characters",
            "write the database's name as `SELECT name FROM sys.databases` shows it");
      } else if (name.equalsIgnoreCase("tempdb")) {
        rules.error(path, "`tempdb` cannot be backed up: SQL Server makes it anew at each start",
            "leave it out");
      } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        rules.error(path, "`" + path + "` `" + Problem.shorten(name) + "` is listed twice",
            "list each database once");
      }
    }
  }

  private static void checkClaim(InstanceConfig config, Rules rules) {
    BackupConfig backup = config.backup();
    String claim = backup.claimName(config.name());
    if (!backup.claim().name().isEmpty()) {
      // `<name>-backup` is a valid claim name whenever `name` is one; `name`'s rule says when not.
      rules.name("backup.claim.name", claim, KubernetesNames::dns1123Subdomain,
          "it names a PersistentVolumeClaim");
    }
    String data = config.storage().claimName();
    String dataClaim = config.ha().workload().equals("StatefulSet")
        ? data + "-" + config.name() + "-0" : data;
    if (claim.equals(dataClaim) || claim.equals(data)) {
      rules.error(List.of("backup.claim.name", "storage.claimName"), "the backup claim `"
              + claim + "` is the data's claim: a backup on the disk it protects is lost with it",
          "give `backup.claim.name` a name of its own, or leave it out for `"
              + config.name() + "-backup`");
    }
    rules.quantity("backup.claim.size", backup.claim().size(), "`16Gi`");
    if (!backup.claim().className().isEmpty()) {
      rules.name("backup.claim.className", backup.claim().className(),
          KubernetesNames::dns1123Subdomain, "it names a StorageClass");
    }
  }

  /** A URL's host and optional port, as both stores' URLs have them. */
  private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?";

  /** The path under the bucket or container: segments of the characters file names have. */
  private static final String PATH = "(/[A-Za-z0-9._-]+)*";

  /**
   * {@code s3://<host>[:port]/<bucket>[/<path>]}: the form "SQL Server back up to URL for
   * S3-compatible object storage" documents (path style), with the bucket named as S3 names
   * buckets.
   */
  private static final Pattern S3_URL = Pattern.compile("s3://" + HOST
      + "/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]" + PATH);

  /**
   * {@code https://<account>.blob.core.windows.net/<container>[/<path>]} (or another host: a
   * sovereign cloud, a private endpoint), the form "SQL Server back up to URL for Microsoft Azure
   * Blob Storage" documents, with the container named as Azure names containers: 3 to 63
   * lower-case letters, digits and single hyphens inside.
   */
  private static final Pattern AZURE_URL = Pattern.compile("https://" + HOST
      + "/[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}" + PATH);

  /** The longest file name a backup job writes under the URL, with its slash. */
  private static final int LONGEST_FILE = "/20261207T051200Z_differential_2147483647_".length()
      + 64 + ".bak".length();

  /** What a backup device name, and so a backup URL, may hold ("SQL Server backup to URL"). */
  private static final int URL_MAX = 259;

  private static void checkUrl(InstanceConfig config, Rules rules) {
    BackupConfig backup = config.backup();
    String url = backup.url();
    Optional<BackupStore> store = BackupStore.of(url);
    if (store.isEmpty() || !(store.get() == BackupStore.S3 ? S3_URL : AZURE_URL).matcher(url)
        .matches()) {
      rules.error("backup.url", "`backup.url` `" + Problem.shorten(url) + "` is "
              + store.map(s -> s == BackupStore.S3 ? "not an S3 URL" : "not an Azure Blob"
                  + " storage URL").orElse("neither an S3 nor an Azure Blob storage URL"),
          store.orElse(null) == BackupStore.AZURE_BLOB
              ? "write `https://<account>.blob.core.windows.net/<container>[/<path>]` (a"
                  + " container is 3 to 63 lower-case letters, digits and single hyphens)"
              : "write `s3://<host>[:port]/<bucket>[/<path>]`, such as"
                  + " `s3://s3.eu-west-1.amazonaws.com/shop-backups/db` (a bucket is 3 to 63"
                  + " lower-case letters, digits, dots and hyphens), or"
                  + " `https://<account>.blob.core.windows.net/<container>[/<path>]` (over HTTPS:"
                  + " the SAS token travels with every request)");
      return;
    }
    if (url.length() + LONGEST_FILE > URL_MAX) {
      rules.error("backup.url", "`backup.url` has " + url.length() + " characters; with the"
              + " backup file names under it (up to " + LONGEST_FILE + ") it passes the "
              + URL_MAX + " characters SQL Server allows a backup URL",
          "use at most " + (URL_MAX - LONGEST_FILE) + " characters");
    }
    if (store.get() == BackupStore.S3) {
      checkS3Engine(config, rules);
    }
    // Azure Blob storage needs nothing of the engine: block blobs with a SAS credential since
    // SQL Server 2016, and Azure SQL Edge backs up to them ("Back up and restore databases in
    // Azure SQL Edge": back up to URL).
    rules.name("backup.credentialSecret", backup.credentialSecret(),
        KubernetesNames::dns1123Subdomain, "it names a Secret");
    if (config.sources().isSet("backup.retentionDays")) {
      rules.warning("backup.retentionDays", "with `backup.url` the jobs cannot delete from the"
              + " object store: `backup.retentionDays` is kept by its lifecycle rule, not by"
              + " the jobs",
          "expire objects under the URL after " + backup.retentionDays() + " days plus the"
              + " interval of the full backups (see docs/backups.md#retention-in-object-storage)");
    }
    if (config.sources().isSet("backup.claim")) {
      rules.warning("backup.claim", "`backup.claim` is not used with `backup.url`",
          "leave it out, or leave `backup.url` out to back up to the claim");
    }
  }

  private static void checkS3Engine(InstanceConfig config, Rules rules) {
    Engine engine = Engine.of(config.engine().image());
    if (engine == Engine.AZURE_SQL_EDGE || engine == Engine.SQL_SERVER_2019) {
      rules.error(List.of("backup.url", "engine.image"), "backups to S3-compatible storage need"
              + " SQL Server 2022 or later (\"SQL Server back up to URL for S3-compatible object"
              + " storage\": applies to SQL Server 2022 (16.x) and later), and `engine.image` is "
              + (engine == Engine.AZURE_SQL_EDGE ? "Azure SQL Edge" : "SQL Server 2019"),
          "back up to the claim (leave `backup.url` out), to Azure Blob storage, or move to `"
              + Engine.SUCCESSOR_IMAGE + "`");
    } else if (engine == Engine.CUSTOM) {
      rules.warning("backup.url", "backups to S3-compatible storage need SQL Server 2022 or"
              + " later, and `engine.image` is not one of Microsoft's images, so the build cannot"
              + " tell", "use a SQL Server 2022 or 2025 image");
    }
  }
}
