package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.operate.RestoreRun;
import io.sqledge.sql.BackupFiles;
import io.sqledge.sql.Tsql;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Restores a database from the instance's backups, into the same instance: the newest full
 * backup finished by the time (or the one {@code from} names), the newest differential of it, and
 * the log backups up to the time ({@code STOPAT}), as the server's backup history records them.
 * Refuses to overwrite an existing database without {@code replace}. See docs/backups.md.
 */
@Mojo(name = "restore", threadSafe = true)
public class RestoreMojo extends ClusterGoal {

  /** The database to restore, as its backups name it. Required. */
  @Parameter(property = "sqledge.restore.database")
  private String database;

  /**
   * The time to restore to, ISO-8601 with an offset ({@code 2026-12-07T05:30:00Z},
   * {@code 2026-12-07T06:30:00+01:00}). Empty: the end of the last log backup.
   */
  @Parameter(property = "sqledge.restore.pointInTime")
  private String pointInTime;

  /**
   * A full backup's file name in the backup claim to start from, as the backup goal and the jobs'
   * logs name it. Empty: the newest full backup finished by the time.
   */
  @Parameter(property = "sqledge.restore.from")
  private String from;

  /** Overwrites the database when it exists. */
  @Parameter(property = "sqledge.restore.replace", defaultValue = "false")
  private boolean replace;

  /** Skips the restore goal only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.restore.skip", defaultValue = "false")
  private boolean skipRestore;

  public RestoreMojo() {
    super("restore");
  }

  @Override
  protected boolean skipGoal() {
    return skipRestore;
  }

  @Override
  protected void checkParameters() throws MojoFailureException {
    if (database == null || database.isEmpty()) {
      throw new MojoFailureException("sqledge: restore needs the database, and"
          + " -Dsqledge.restore.database is not set\n    fix: mvn sqledge:restore"
          + " -Dsqledge.restore.database=<name>");
    }
    if (database.length() > Tsql.MAX_NAME_LENGTH
        || database.chars().anyMatch(Character::isISOControl)) {
      throw new MojoFailureException("sqledge: -Dsqledge.restore.database is not a database"
          + " name\n    fix: SQL Server names have 1 to 128 characters and no control"
          + " characters");
    }
    time();
    if (from != null && !from.isEmpty() && !BackupFiles.isFull(from)) {
      throw new MojoFailureException("sqledge: -Dsqledge.restore.from is not the name of a full"
          + " backup file\n    fix: name one as the backup's log reports it, such as"
          + " 20261206T000000Z_full_5_sales.bak (the name only, no directory)");
    }
  }

  private Optional<Instant> time() throws MojoFailureException {
    if (pointInTime == null || pointInTime.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(pointInTime).toInstant());
    } catch (DateTimeParseException e) {
      throw new MojoFailureException("sqledge: -Dsqledge.restore.pointInTime is not an ISO-8601"
          + " time with an offset\n    fix: write it like 2026-12-07T05:30:00Z or"
          + " 2026-12-07T06:30:00+01:00");
    }
  }

  @Override
  protected void run(KubernetesClient client, List<Generator.Rendered> instances)
      throws SqledgeException, MojoFailureException {
    if (instances.size() != 1) {
      throw new MojoFailureException("sqledge: restore works on one instance, and the"
          + " configuration describes " + instances.size() + "\n    fix: run it with a"
          + " configuration of the one instance to restore");
    }
    Generator.Rendered rendered = instances.get(0);
    RestoreRun.Request request = new RestoreRun.Request(database, time(),
        Optional.ofNullable(from).filter(f -> !f.isEmpty()), replace);
    getLog().info("sqledge: restoring " + database + " in " + rendered.config().name() + " to "
        + request.pointInTime().map(Instant::toString).orElse("the end of its last backup"));
    RestoreRun.Report report = new RestoreRun(client, Clock.systemUTC()).run(
        rendered.config().name(), rendered.config().namespace(), request, timeout());
    getLog().info("sqledge: job " + report.job() + " finished in " + report.took().toSeconds()
        + "s" + (report.logRead() ? "" : "; its log could not be read: kubectl logs job/"
            + report.job()));
    report.restored().forEach(line -> getLog().info("sqledge:   restored " + line));
  }
}
