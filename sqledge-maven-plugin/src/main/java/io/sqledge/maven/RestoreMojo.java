package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.check.KubernetesNames;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.operate.RestoreDrill;
import io.sqledge.operate.RestoreRun;
import io.sqledge.site.Site;
import io.sqledge.site.SiteOutcome;
import io.sqledge.sql.BackupFiles;
import io.sqledge.sql.Tsql;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Restores a database from the instance's backups: the newest full backup finished by the time
 * (or the one {@code from} names), the newest differential of it, and the log backups up to the
 * time ({@code STOPAT}), as the server's backup history records them. Into the same instance,
 * where it refuses to overwrite an existing database without {@code replace}; or, with
 * {@code into}, into a copy next to it, which is checked and removed (the restore drill). See
 * docs/backups.md.
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

  /**
   * A restore drill: the name of a copy of the instance, brought up next to it (same namespace),
   * restored from its backups, checked with {@code DBCC CHECKDB}, and removed; the instance itself
   * is only read. Reports how long the restore took and how much a loss at that moment would have
   * cost. A DNS label, short enough for the instance's names with it (the copy is checked as the
   * instance is).
   */
  @Parameter(property = "sqledge.restore.into")
  private String into;

  /** With {@code into}: leave the copy running after the drill, to look at it. */
  @Parameter(property = "sqledge.restore.keep", defaultValue = "false")
  private boolean keep;

  /** Skips the restore goal only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.restore.skip", defaultValue = "false")
  private boolean skipRestore;

  /** The drill's copy, once rendered. */
  private Generator.Rendered copy;

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
    time = time();
    if (drill() && KubernetesNames.dns1123Label(into).isPresent()) {
      throw new MojoFailureException("sqledge: -Dsqledge.restore.into `" + Problem.shorten(into)
          + "` cannot name the copy\n    fix: a DNS label (lower-case letters, digits and '-',"
          + " starting and ending with a letter or digit), such as `sales-drill`");
    }
    if (from != null && !from.isEmpty() && !BackupFiles.isFull(from)) {
      throw new MojoFailureException("sqledge: -Dsqledge.restore.from is not the name of a full"
          + " backup file\n    fix: name one as the backup's log reports it, such as"
          + " 20261206T000000Z_full_5_sales.bak (the name only, no directory)");
    }
  }

  /** {@code pointInTime}, once the parameters are checked. */
  private Optional<Instant> time = Optional.empty();

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

  private boolean drill() {
    return into != null && !into.isEmpty();
  }

  /** The drill's copy, rendered and checked while the connection is made. */
  @Override
  protected void rendered(Generator generator, GenerateRequest request,
      List<Generator.Rendered> instances) throws SqledgeException {
    if (!drill() || instances.size() != 1) {
      return;
    }
    InstanceConfig original = instances.get(0).config();
    if (into.equals(original.name())) {
      return;
    }
    Map<String, String> overrides = new HashMap<>(request.overrides());
    overrides.putAll(RestoreDrill.copyOverrides(original, into));
    try {
      copy = generator.render(new GenerateRequest(request.config(), overrides,
          request.outputDirectory()));
    } catch (SqledgeException e) {
      // The copy is the configuration with -Dsqledge.name and the rest set for it: what it
      // cannot be is told as the build tells it, under the drill's own heading.
      throw new SqledgeException("sqledge: the drill's copy -Dsqledge.restore.into=" + into
          + " cannot be made from the configuration of " + original.name() + ":", e.problems());
    }
  }

  /** A restore works on one instance, so on one site. */
  @Override
  protected void checkSites(List<Site> sites) throws SqledgeException {
    int instances = sites.stream().mapToInt(site -> site.instances().size()).sum();
    if (instances != 1) {
      throw refused("restore works on one instance, and the configuration describes "
          + instances, "run it with a configuration of the one instance to restore");
    }
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    KubernetesClient client = site.client();
    MavenApplyLog log = site.log();
    Generator.Rendered rendered = site.instances().get(0);
    RestoreRun.Request request = new RestoreRun.Request(database, time,
        Optional.ofNullable(from).filter(f -> !f.isEmpty()), replace);
    if (drill()) {
      return drill(client, log, rendered, request);
    }
    log.info("restoring " + database + " in " + rendered.config().name() + " to "
        + request.pointInTime().map(Instant::toString).orElse("the end of its last backup"));
    RestoreRun.Report report = new RestoreRun(client, Clock.systemUTC()).run(
        rendered.config().name(), rendered.config().namespace(), request, timeout());
    log.info("job " + report.job() + " finished in " + report.took().toSeconds()
        + "s" + (report.logRead() ? "" : "; its log could not be read: kubectl logs job/"
            + report.job()));
    report.restored().forEach(line -> log.info("  restored " + line));
    return SiteOutcome.of("restored " + database);
  }

  private SiteOutcome drill(KubernetesClient client, MavenApplyLog log,
      Generator.Rendered original, RestoreRun.Request request) throws SqledgeException {
    if (copy == null) {
      throw refused("-Dsqledge.restore.into names the instance itself", "name a copy, such as"
          + " -Dsqledge.restore.into=" + original.config().name() + "-drill");
    }
    if (!original.config().backup().enabled()) {
      throw refused("a restore drill restores the instance's backups, and "
          + original.config().name() + " takes none", "give `backup.full` a schedule and run"
          + " mvn sqledge:apply first (docs/backups.md)");
    }
    log.info("restore drill of " + database + " from " + original.config().name()
        + " into the copy " + into + ", to " + request.pointInTime().map(Instant::toString)
            .orElse("the end of its last backup"));
    RestoreDrill.Report report = new RestoreDrill(client, log,
        Clock.systemUTC()).run(original.config(), original.manifests(), copy.config(),
        copy.manifests(), request, timeout(), keep);
    RestoreRun.Report restore = report.restore();
    log.info("the copy was ready in " + report.upIn().toSeconds() + "s; job "
        + restore.job() + " restored and checked it in " + restore.took().toSeconds() + "s"
        + (restore.logRead() ? "" : "; its log could not be read: kubectl logs job/"
            + restore.job()));
    restore.restored().forEach(line -> log.info("  restored " + line));
    report.lossWindow().ifPresent(window -> log.info("the newest backup ended "
        + window.toSeconds() + "s before the drill began: a loss then would have cost that"
        + " much"));
    log.info(report.kept() ? "the copy " + into + " is kept; remove it with"
        + " kubectl delete deployment,statefulset,service,networkpolicy,configmap,pvc -l"
        + " app.kubernetes.io/instance=" + into + " -n <namespace>"
        : "the copy " + into + " is removed");
    return SiteOutcome.of("drill of " + database + " into " + into);
  }
}
