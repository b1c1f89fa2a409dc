package io.sqledge.maven;

import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * A goal that runs the generate pipeline on the project's configuration and templates (generate,
 * apply, and the cluster goals): the parameters they share are declared here once, and the skip
 * flags are honoured here, before a goal reads, writes or connects to anything.
 */
abstract class ProjectGoal extends AbstractMojo {

  /**
   * Skips every sqledge goal: nothing is read, written or sent to a cluster. Each goal also has
   * a flag of its own, {@code sqledge.<goal>.skip}.
   */
  @Parameter(property = "sqledge.skip", defaultValue = "false")
  private boolean skip;

  /**
   * The configuration file. When the default file does not exist, the embedded default
   * configuration is used; a file named explicitly must exist.
   */
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

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /** The goal's name, as in {@code sqledge.<goal>.skip} and the line that says it is skipped. */
  private final String goal;

  protected ProjectGoal(String goal) {
    this.goal = goal;
  }

  @Override
  public final void execute() throws MojoFailureException {
    if (skip || skipGoal()) {
      getLog().info("sqledge: " + goal + " skipped (sqledge." + (skip ? "" : goal + ".")
          + "skip=true)");
      return;
    }
    executeGoal();
  }

  /** The value of the goal's own {@code sqledge.<goal>.skip}. */
  protected abstract boolean skipGoal();

  /** The goal's work, once it is known not to be skipped. */
  protected abstract void executeGoal() throws MojoFailureException;

  protected final MavenProject project() {
    return project;
  }

  protected final MavenSession session() {
    return session;
  }

  protected final GenerateInputs inputs() {
    return new GenerateInputs(project);
  }

  /** The pipeline, with the project's templates when their directory exists. */
  protected final Generator generator(GenerateInputs inputs) {
    return inputs.generator(templates, getLog());
  }

  /** What to generate from the configuration and the overrides, into {@code outputDirectory}. */
  protected final GenerateRequest request(GenerateInputs inputs, File outputDirectory,
      boolean force) throws MojoFailureException {
    return inputs.request(config, outputDirectory, session, getLog(), force);
  }
}
