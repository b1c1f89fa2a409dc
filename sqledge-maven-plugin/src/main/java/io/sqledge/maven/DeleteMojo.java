package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ClusterConnector;
import io.sqledge.apply.DeleteReport;
import io.sqledge.apply.Deleter;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Removes the instance from the cluster: the Service and the Deployment. The data — the claim, the
 * StorageClass and the SA password Secret — is kept unless {@code -Dsqledge.deleteData=true}; even
 * then a StorageClass or Secret that sqledge did not create, and the namespace, are kept.
 */
@Mojo(name = "delete", threadSafe = true)
public class DeleteMojo extends AbstractMojo {

  /** The configuration file; see the generate goal. */
  @Parameter(property = "sqledge.config",
      defaultValue = "${project.basedir}/" + GenerateInputs.DEFAULT_CONFIG)
  private File config;

  /**
   * The project's FreeMarker templates: a file here replaces the bundled template of the same name,
   * any other {@code *.yaml.ftl} adds a resource. Used when the directory exists.
   */
  @Parameter(property = "sqledge.templates",
      defaultValue = "${project.basedir}/" + GenerateInputs.DEFAULT_TEMPLATES)
  private File templates;

  /** A kubeconfig file; unset: KUBECONFIG, ~/.kube/config, or the in-cluster account. */
  @Parameter(property = "sqledge.kubeconfig")
  private File kubeconfig;

  /** The kubeconfig context; unset: the current context. */
  @Parameter(property = "sqledge.context")
  private String context;

  /** Also deletes the claim (the database files), the StorageClass and the Secret. */
  @Parameter(property = "sqledge.deleteData", defaultValue = "false")
  private boolean deleteData;

  /** Skips delete. */
  @Parameter(property = "sqledge.delete.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("sqledge: delete skipped (sqledge.delete.skip=true)");
      return;
    }
    GenerateInputs inputs = new GenerateInputs(project);
    // Delete renders the manifests to know what to remove, and writes nothing.
    File notWritten = new File(project.getBuild().getDirectory(), "sqledge");
    try {
      java.util.List<Generator.Rendered> instances = inputs.generator(templates, getLog())
          .renderAll(inputs.request(config, notWritten, session, getLog()));
      try (KubernetesClient client =
          ClusterConnector.connect(ClusterParameters.settings(kubeconfig, context))) {
        for (Generator.Rendered rendered : instances) {
          DeleteReport report = new Deleter(client, new MavenApplyLog(getLog())).delete(
              rendered.manifests(), rendered.config().namespace(),
              rendered.config().engine().saPassword(), deleteData);
          getLog().info("sqledge: " + (instances.size() > 1 ? rendered.config().name() + ": " : "")
              + "removed " + report.removed().size() + ", kept "
              + report.kept().size() + ", not found " + report.absent().size());
        }
      }
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
  }
}
