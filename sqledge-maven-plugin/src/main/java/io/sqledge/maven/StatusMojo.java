package io.sqledge.maven;

import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.site.SiteOutcome;
import java.util.ArrayList;
import io.sqledge.operate.InstanceStatus;
import io.sqledge.operate.StatusLines;
import io.sqledge.operate.StatusReader;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows what the cluster made of each instance: where its pod runs and whether it is ready, the
 * claim, volume and attachment of its disk, its address, recent warnings — and, for a state that
 * stays stuck until someone acts (a pod Terminating on a dead node, a Multi-Attach error, a claim
 * without a volume, an image that cannot be pulled, OOM kills, a crash loop), the remedy; and who
 * moves the disk off a dead node: a person, or the failover guard, with where it runs and its
 * last action. Changes nothing.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends ClusterGoal {

  /** Fails the build when an instance is stuck, for pipelines that check a deployment. */
  @Parameter(property = "sqledge.failOnStuck", defaultValue = "false")
  private boolean failOnStuck;

  /** Skips status only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.status.skip", defaultValue = "false")
  private boolean skipStatus;

  public StatusMojo() {
    super("status");
  }

  @Override
  protected boolean skipGoal() {
    return skipStatus;
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    int stuck = 0;
    List<String> endpoints = new ArrayList<>();
    for (Generator.Rendered rendered : site.instances()) {
      InstanceStatus status = new StatusReader(site.client())
          .read(rendered.manifests(), rendered.config().namespace());
      String prefix = site.prefix(rendered);
      StatusLines.of(status).forEach(line -> site.log().info(prefix + line));
      for (InstanceStatus.Diagnosis diagnosis : status.diagnoses()) {
        site.log().warn(prefix + "stuck: " + diagnosis.problem());
        site.log().warn(prefix + "  remedy: " + diagnosis.remedy());
      }
      stuck += status.diagnoses().isEmpty() ? 0 : 1;
      status.address().ifPresent(endpoints::add);
    }
    String summary = stuck + " of " + site.instances().size() + " instances are stuck";
    if (failOnStuck && stuck > 0) {
      throw refused(summary, "the remedies above");
    }
    return new SiteOutcome(stuck == 0 ? "none stuck" : summary, endpoints);
  }
}
