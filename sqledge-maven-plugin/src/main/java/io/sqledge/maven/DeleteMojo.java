package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.DeleteReport;
import io.sqledge.apply.Deleter;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
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
  protected void run(KubernetesClient client, List<Generator.Rendered> instances)
      throws SqledgeException {
    for (Generator.Rendered rendered : instances) {
      DeleteReport report = new Deleter(client, new MavenApplyLog(getLog())).delete(
          rendered.manifests(), rendered.config().namespace(),
          rendered.config().engine().saPassword(), deleteData);
      getLog().info("sqledge: " + prefix(instances, rendered) + "removed "
          + report.removed().size() + ", kept " + report.kept().size() + ", not found "
          + report.absent().size());
    }
  }
}
