package io.sqledge.maven;

import io.sqledge.access.GoalAccess;
import io.sqledge.access.PipelineRbac;
import io.sqledge.access.RbacSubject;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.write.DocumentFiles;
import java.io.File;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the RBAC objects that let the pipeline's account run the goals on the instances, and no
 * more: a Role per namespace the instances use, a ClusterRole only for what is the cluster's
 * (the StorageClass, nodes for failover), and their bindings to the account; per site in a fleet
 * over several clusters. A cluster administrator applies them once ({@code kubectl apply -f});
 * the pipeline then needs no cluster-admin. Talks to no cluster.
 */
@Mojo(name = "rbac", threadSafe = true)
public class RbacMojo extends ProjectGoal {

  /** The pipeline's ServiceAccount, as {@code <namespace>/<name>}. */
  @Parameter(property = "sqledge.rbac.serviceAccount")
  private String serviceAccount;

  /** The pipeline's user, instead of a ServiceAccount. */
  @Parameter(property = "sqledge.rbac.user")
  private String user;

  /** The pipeline's group, instead of a ServiceAccount. */
  @Parameter(property = "sqledge.rbac.group")
  private String group;

  /** The name of the Roles, ClusterRole and bindings. */
  @Parameter(property = "sqledge.rbac.name", defaultValue = "sqledge-pipeline")
  private String name = "sqledge-pipeline";

  /** The goals the account runs, comma-separated: their verbs, and no others, are granted. */
  @Parameter(property = "sqledge.rbac.goals",
      defaultValue = "apply,diff,delete,status,failover,backup,restore")
  private String goals = "apply,diff,delete,status,failover,backup,restore";

  /** Where the objects are written, one file each; replaced as a whole. */
  @Parameter(property = "sqledge.rbac.outputDirectory",
      defaultValue = "${project.build.directory}/sqledge-rbac")
  private File outputDirectory;

  /** Skips rbac only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.rbac.skip", defaultValue = "false")
  private boolean skipRbac;

  public RbacMojo() {
    super("rbac");
  }

  @Override
  protected boolean skipGoal() {
    return skipRbac;
  }

  @Override
  protected void executeGoal() throws MojoFailureException {
    Set<GoalAccess.Goal> granted = goals();
    GenerateInputs inputs = inputs();
    try {
      RbacSubject subject = RbacSubject.of(present(serviceAccount), present(user),
          present(group));
      GenerateRequest request = request(inputs, outputDirectory, false);
      List<Generator.Rendered> instances = generator(inputs).renderAll(request);
      Map<String, Map<String, Object>> files = new LinkedHashMap<>();
      for (PipelineRbac.RbacDocument document : PipelineRbac.of(instances, subject, name,
          granted)) {
        files.put(document.path(), document.document());
      }
      boolean upToDate = DocumentFiles.write(outputDirectory.toPath(), files,
          request.config().map(ConfigSource::displayName).orElse("the embedded default"));
      getLog().info("sqledge: " + (upToDate ? "up to date: " : "wrote ") + files.size()
          + " RBAC objects for " + subject.describe() + " in "
          + inputs.display(outputDirectory.toPath()) + " (" + String.join(", ", files.keySet())
          + ")");
      getLog().info("sqledge: a cluster administrator applies them once: kubectl apply -f "
          + inputs.display(outputDirectory.toPath()) + (files.keySet().stream()
              .anyMatch(path -> path.contains("/")) ? "/<site> on each site's cluster" : ""));
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
  }

  private Set<GoalAccess.Goal> goals() throws MojoFailureException {
    Set<GoalAccess.Goal> granted = EnumSet.noneOf(GoalAccess.Goal.class);
    for (String goal : goals.split(",")) {
      if (goal.isBlank()) {
        continue;
      }
      try {
        granted.add(GoalAccess.Goal.valueOf(goal.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new MojoFailureException("sqledge: -Dsqledge.rbac.goals names `" + goal.trim()
            + "`, which is no goal that talks to a cluster\n    fix: list some of apply, diff,"
            + " delete, status, failover, backup, restore");
      }
    }
    if (granted.isEmpty()) {
      throw new MojoFailureException("sqledge: -Dsqledge.rbac.goals is empty\n    fix: list"
          + " some of apply, diff, delete, status, failover, backup, restore");
    }
    return granted;
  }

  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isBlank());
  }
}
