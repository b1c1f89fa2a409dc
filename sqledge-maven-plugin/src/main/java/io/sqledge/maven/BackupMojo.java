package io.sqledge.maven;

import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.operate.BackupRun;
import io.sqledge.site.SiteOutcome;
import io.sqledge.sql.BackupKind;
import java.time.Clock;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes a backup now: runs a Job from the instance's backup CronJob of that kind (as
 * {@code kubectl create job --from=cronjob/<name>-backup-<kind>} does), waits until it finished,
 * and reports the files it wrote. Fails with the job's reason when the backup fails. Bind it
 * before a schema migration to have a backup from just before it. See docs/backups.md.
 */
@Mojo(name = "backup", threadSafe = true)
public class BackupMojo extends ClusterGoal {

  /** The kind of backup: {@code full}, {@code differential} or {@code log}. */
  @Parameter(property = "sqledge.backup.type", defaultValue = "full")
  private String type;

  /** Skips the backup goal only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.backup.skip", defaultValue = "false")
  private boolean skipBackup;

  public BackupMojo() {
    super("backup");
  }

  @Override
  protected boolean skipGoal() {
    return skipBackup;
  }

  @Override
  protected void checkParameters() throws MojoFailureException {
    if (BackupKind.of(type).isEmpty()) {
      throw new MojoFailureException("sqledge: -Dsqledge.backup.type is `" + type + "`, which"
          + " is no kind of backup\n    fix: use full, differential or log");
    }
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    BackupRun backups = new BackupRun(site.client(), Clock.systemUTC());
    for (Generator.Rendered rendered : site.instances()) {
      String name = rendered.config().name();
      String prefix = site.prefix(rendered);
      site.log().info(prefix + "taking a " + type + " backup of " + name);
      BackupRun.Report report = backups.run(name, rendered.config().namespace(), type,
          timeout());
      site.log().info(prefix + "job " + report.job() + " finished in "
          + report.took().toSeconds() + "s");
      if (!report.logRead()) {
        site.log().info("  its log could not be read, so the files it wrote are not listed:"
            + " kubectl logs job/" + report.job());
      }
      for (String file : report.wrote()) {
        site.log().info("  wrote " + file);
      }
    }
    return SiteOutcome.of(site.instances().size() + " " + type + " backups taken");
  }
}
