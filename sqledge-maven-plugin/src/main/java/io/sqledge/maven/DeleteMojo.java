package io.sqledge.maven;

import io.sqledge.apply.DeleteReport;
import io.sqledge.apply.Deleter;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.site.SiteOutcome;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the instance from the cluster: the Service and the Deployment. The data — the claim, the
 * StorageClass and the SA password Secret — is kept unless {@code -Dsqledge.deleteData=true}; even
 * then a StorageClass or Secret that sqledge did not create, and the namespace, are kept.
 */
@Mojo(name = "delete", threadSafe = true)
public class DeleteMojo extends ClusterGoal {

  /** Also deletes the claim (the database files), the StorageClass and the Secret. */
  @Parameter(property = "sqledge.deleteData", defaultValue = "false")
  private boolean deleteData;

  /** Skips delete only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.delete.skip", defaultValue = "false")
  private boolean skipDelete;

  public DeleteMojo() {
    super("delete");
  }

  @Override
  protected boolean skipGoal() {
    return skipDelete;
  }

  @Override
  protected SiteOutcome run(SiteContext site) throws SqledgeException {
    int removed = 0;
    int kept = 0;
    int absent = 0;
    for (Generator.Rendered rendered : site.instances()) {
      DeleteReport report = new Deleter(site.client(), site.log()).delete(
          rendered.manifests(), rendered.config().namespace(),
          rendered.config().engine().saPassword(), deleteData);
      site.log().info(site.prefix(rendered) + "removed " + report.removed().size() + ", kept "
          + report.kept().size() + ", not found " + report.absent().size());
      removed += report.removed().size();
      kept += report.kept().size();
      absent += report.absent().size();
    }
    return SiteOutcome.of("removed " + removed + ", kept " + kept + ", not found " + absent);
  }
}
