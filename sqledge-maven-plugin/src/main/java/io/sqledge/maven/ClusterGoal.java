package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ClusterConnector;
import io.sqledge.apply.ClusterSettings;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works on the instances' objects in a cluster (apply, diff, delete, status,
 * failover): it renders the manifests to know which objects are the instances', connects as
 * kubectl does, and hands both to the goal. The parameters of the connection and of waiting are
 * declared here once; failures become build failures the one way every goal reports them.
 */
abstract class ClusterGoal extends ProjectGoal {

  /** How long one API request may take; waiting has its own {@code timeout}. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** A kubeconfig file; unset: KUBECONFIG, ~/.kube/config, or the in-cluster account. */
  @Parameter(property = "sqledge.kubeconfig")
  private File kubeconfig;

  /** The kubeconfig context; unset: the current context. */
  @Parameter(property = "sqledge.context")
  private String context;

  /**
   * How long a goal that waits does so, in seconds: apply for the resources to be ready,
   * failover for the database to run on another node, backup for its job to finish.
   */
  @Parameter(property = "sqledge.timeout", defaultValue = "600")
  private int timeout;

  protected ClusterGoal(String goal) {
    super(goal);
  }

  @Override
  protected final void executeGoal() throws MojoFailureException {
    checkParameters();
    GenerateInputs inputs = inputs();
    // Connecting takes as long as rendering in a fresh JVM, so both run at once; a configuration
    // error is still reported before a cluster error.
    try (ClusterConnector.Pending connecting = ClusterConnector.connectInBackground(
        new ClusterSettings(Optional.ofNullable(kubeconfig).map(File::toPath),
            Optional.ofNullable(context).filter(name -> !name.isBlank()), REQUEST_TIMEOUT))) {
      Generator generator = generator(inputs);
      GenerateRequest request = request(inputs, outputDirectory(), false);
      List<Generator.Rendered> instances = generator.renderAll(request);
      rendered(generator, request, instances);
      run(connecting.get(), instances);
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
  }

  /** Checks the goal's own parameters before anything is read or a cluster is contacted. */
  protected void checkParameters() throws MojoFailureException {}

  /** Where the goal's manifests are written if it writes them (apply); the others write nothing. */
  protected File outputDirectory() {
    return new File(project().getBuild().getDirectory(), "sqledge");
  }

  /** What the goal does with the rendered instances while the connection is being made. */
  protected void rendered(Generator generator, GenerateRequest request,
      List<Generator.Rendered> instances) throws SqledgeException {}

  /** The goal's work on the rendered instances (one, or a fleet's). */
  protected abstract void run(KubernetesClient client, List<Generator.Rendered> instances)
      throws SqledgeException, MojoFailureException;

  /** {@code timeout}, at least a second. */
  protected final Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeout));
  }

  /**
   * "name: " (or "namespace/name: " where a name is in several namespaces) before a line about
   * one instance of a fleet; nothing for a single instance.
   */
  protected static String prefix(List<Generator.Rendered> instances, Generator.Rendered instance) {
    return instances.size() > 1 ? instance.directory() + ": " : "";
  }
}
