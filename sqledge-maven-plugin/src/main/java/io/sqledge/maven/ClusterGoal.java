package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ClusterConnector;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works on the instances' objects in the cluster (diff, delete, status, failover):
 * it renders the manifests in memory to know which objects are the instances', writes nothing,
 * and connects as apply does. Failures become build failures the one way every goal reports them.
 */
abstract class ClusterGoal extends ProjectGoal {

  /** A kubeconfig file; unset: KUBECONFIG, ~/.kube/config, or the in-cluster account. */
  @Parameter(property = "sqledge.kubeconfig")
  private File kubeconfig;

  /** The kubeconfig context; unset: the current context. */
  @Parameter(property = "sqledge.context")
  private String context;

  protected ClusterGoal(String goal) {
    super(goal);
  }

  @Override
  protected final void executeGoal() throws MojoFailureException {
    checkParameters();
    GenerateInputs inputs = inputs();
    File notWritten = new File(project().getBuild().getDirectory(), "sqledge");
    try {
      List<Generator.Rendered> instances = generator(inputs)
          .renderAll(request(inputs, notWritten, false));
      try (KubernetesClient client =
          ClusterConnector.connect(ClusterParameters.settings(kubeconfig, context))) {
        run(client, instances);
      }
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
  }

  /** Checks the goal's own parameters before anything is read or a cluster is contacted. */
  protected void checkParameters() throws MojoFailureException {}

  /** The goal's work on the rendered instances (one, or a fleet's). */
  protected abstract void run(KubernetesClient client, List<Generator.Rendered> instances)
      throws SqledgeException, MojoFailureException;

  /** "name: " before a line about one instance of a fleet; nothing for a single instance. */
  protected static String prefix(List<Generator.Rendered> instances, Generator.Rendered instance) {
    return instances.size() > 1 ? instance.config().name() + ": " : "";
  }
}
