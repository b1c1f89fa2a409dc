package io.sqledge.maven;

import io.sqledge.apply.DiffReport;
import io.sqledge.apply.Differ;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.site.SiteOutcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what apply would change on the cluster: for each resource, a unified diff of the live
 * object against a server-side dry run of the generated one, without managed fields, status and
 * other bookkeeping. Changes nothing. {@code -Dsqledge.failOnDiff=true} fails the build when
 * anything differs, for pipelines that check a cluster against its configuration.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends ClusterGoal {

  /** Fails the build when any resource differs from the cluster. */
  @Parameter(property = "sqledge.failOnDiff", defaultValue = "false")
  private boolean failOnDiff;

  /** Skips diff only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.diff.skip", defaultValue = "false")
  private boolean skipDiff;

  public DiffMojo() {
    super("diff");
  }

  @Override
  protected boolean skipGoal() {
    return skipDiff;
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    List<DiffReport> reports = new ArrayList<>();
    for (Generator.Rendered rendered : site.instances()) {
      reports.add(new Differ(site.client()).diff(rendered.manifests(),
          rendered.config().namespace()));
    }
    long differing = 0;
    long total = 0;
    for (DiffReport report : reports) {
      differing += report.differing();
      total += report.resources().size();
      log(report, site.log());
    }
    String summary = differing + " of " + total + " resources differ from the cluster"
        + (reports.size() == 1 ? " (namespace " + reports.get(0).namespace() + ")"
            : " (" + reports.size() + " instances)");
    site.log().info(summary);
    if (failOnDiff && differing > 0) {
      throw refused(summary, "run mvn sqledge:apply, or change the configuration to match the"
          + " cluster");
    }
    return SiteOutcome.of(summary);
  }

  private static void log(DiffReport report, MavenApplyLog log) {
    for (DiffReport.ResourceDiff resource : report.resources()) {
      resource.notOurs().ifPresent(why -> log.warn(resource.resource()
          + ": apply would refuse it: " + why + " (-Dsqledge.adopt=true takes it over)"));
      if (!resource.differs()) {
        log.info(resource.resource() + ": no difference");
        continue;
      }
      log.info(resource.resource() + ": "
          + (resource.exists() ? "would change" : "would be created"));
      resource.unifiedDiff().forEach(log::line);
    }
  }
}
