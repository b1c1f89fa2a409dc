package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ClusterConnector;
import io.sqledge.apply.DiffReport;
import io.sqledge.apply.Differ;
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
 * Shows what apply would change on the cluster: for each resource, a unified diff of the live
 * object against a server-side dry run of the generated one, without managed fields, status and
 * other bookkeeping. Changes nothing. {@code -Dsqledge.failOnDiff=true} fails the build when
 * anything differs, for pipelines that check a cluster against its configuration.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends AbstractMojo {

  /** The configuration file; see the generate goal. */
  @Parameter(property = "sqledge.config",
      defaultValue = "${project.basedir}/" + GenerateInputs.DEFAULT_CONFIG)
  private File config;

  /** The project's templates; see the generate goal. */
  @Parameter(property = "sqledge.templates",
      defaultValue = "${project.basedir}/" + GenerateInputs.DEFAULT_TEMPLATES)
  private File templates;

  /** A kubeconfig file; unset: KUBECONFIG, ~/.kube/config, or the in-cluster account. */
  @Parameter(property = "sqledge.kubeconfig")
  private File kubeconfig;

  /** The kubeconfig context; unset: the current context. */
  @Parameter(property = "sqledge.context")
  private String context;

  /** Fails the build when any resource differs from the cluster. */
  @Parameter(property = "sqledge.failOnDiff", defaultValue = "false")
  private boolean failOnDiff;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Override
  public void execute() throws MojoFailureException {
    GenerateInputs inputs = new GenerateInputs(project);
    // Diff renders the manifests to compare them, and writes nothing.
    File notWritten = new File(project.getBuild().getDirectory(), "sqledge");
    java.util.List<DiffReport> reports = new java.util.ArrayList<>();
    try {
      java.util.List<Generator.Rendered> instances = inputs.generator(templates, getLog())
          .renderAll(inputs.request(config, notWritten, session, getLog()));
      try (KubernetesClient client =
          ClusterConnector.connect(ClusterParameters.settings(kubeconfig, context))) {
        for (Generator.Rendered rendered : instances) {
          reports.add(new Differ(client).diff(rendered.manifests(), rendered.config().namespace()));
        }
      }
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
    long differing = 0;
    long total = 0;
    for (DiffReport report : reports) {
      differing += report.differing();
      total += report.resources().size();
      log(report);
    }
    String summary = "sqledge: " + differing + " of " + total
        + " resources differ from the cluster" + (reports.size() == 1
            ? " (namespace " + reports.get(0).namespace() + ")" : " (" + reports.size() + " instances)");
    getLog().info(summary);
    if (failOnDiff && differing > 0) {
      throw new MojoFailureException(summary + "\n    fix: run mvn sqledge:apply, or change the"
          + " configuration to match the cluster");
    }
  }

  private void log(DiffReport report) {
    for (DiffReport.ResourceDiff resource : report.resources()) {
      if (!resource.differs()) {
        getLog().info("sqledge: " + resource.resource() + ": no difference");
        continue;
      }
      getLog().info("sqledge: " + resource.resource() + ": "
          + (resource.exists() ? "would change" : "would be created"));
      resource.unifiedDiff().forEach(line -> getLog().info(line));
    }
  }
}
