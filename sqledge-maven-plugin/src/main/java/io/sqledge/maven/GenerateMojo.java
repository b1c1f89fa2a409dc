package io.sqledge.maven;

import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.GenerateResult;
import io.sqledge.write.OutputLayout;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Generates the Kubernetes manifests of a SQL Server / Azure SQL Edge instance from {@code
 * src/main/sqledge/sqledge.yaml} (or the embedded default): loads and checks the configuration,
 * renders the templates, validates the result against the Kubernetes API schema, and writes it to
 * {@code target/sqledge/} all at once. The combined file is attached to the build (classifier
 * {@code sqledge}, type {@code yaml}).
 *
 * <p>Any configuration value can be overridden from the command line with its path:
 * {@code -Dsqledge.service.port=1434}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class GenerateMojo extends ProjectGoal {

  /** The attached artifact: {@code <artifactId>-<version>-sqledge.yaml}. */
  static final String CLASSIFIER = "sqledge";

  static final String TYPE = "yaml";

  /** The directory that receives the manifests. It is replaced as a whole on each change. */
  @Parameter(property = "sqledge.outputDirectory", defaultValue = "${project.build.directory}/sqledge")
  private File outputDirectory;

  /**
   * Generates even when the configuration, the project's templates, the overrides and the plugin
   * are unchanged since the last run and the output directory still holds its files.
   */
  @Parameter(property = "sqledge.force", defaultValue = "false")
  private boolean force;

  /** Skips generate only ({@code sqledge.skip} skips every goal). */
  @Parameter(property = "sqledge.generate.skip", defaultValue = "false")
  private boolean skipGenerate;

  /** Attaches the combined manifest file to the project, so install and deploy publish it. */
  @Parameter(property = "sqledge.attach", defaultValue = "true")
  private boolean attach;

  // Field injection rather than a JSR-330 constructor: Maven before 3.9.6 silently skips
  // constructor-injected components compiled for Java 17 (MNG-7913), and we support 3.8.7.
  @Component private MavenProjectHelper projectHelper;

  public GenerateMojo() {
    super("generate");
  }

  @Override
  protected boolean skipGoal() {
    return skipGenerate;
  }

  @Override
  protected void executeGoal() throws MojoFailureException {
    GenerateInputs inputs = inputs();
    GenerateRequest request = request(inputs, outputDirectory, force);
    GenerateResult result;
    try {
      result = generator(inputs).generate(request);
    } catch (SqledgeException e) {
      throw MojoFailures.of(e, getLog());
    } catch (RuntimeException e) {
      throw MojoFailures.unexpected(e, getLog());
    }
    report(result, inputs);
    if (attach) {
      for (Path combined : result.combinedFiles()) {
        projectHelper.attachArtifact(project(), TYPE, classifier(result.directory(), combined),
            combined.toFile());
      }
    }
  }

  /**
   * {@code sqledge} for the combined file; {@code sqledge-<site>} for each site's in an output
   * by site.
   */
  static String classifier(Path directory, Path combined) {
    Path site = directory.relativize(combined).getParent();
    return site == null ? CLASSIFIER : CLASSIFIER + "-" + site;
  }

  private void report(GenerateResult result, GenerateInputs inputs) {
    for (Problem warning : result.warnings()) {
      getLog().warn("sqledge: " + warning.render());
    }
    if (result.skipped()) {
      getLog().info("sqledge: manifests up to date in " + inputs.display(result.directory())
          + "; skipped: configuration, templates and plugin unchanged since they were generated"
          + " (-Dsqledge.force=true generates anyway)");
      return;
    }
    getLog().info("sqledge: ACCEPT_EULA=Y: the generated container accepts the SQL Server license"
        + " terms (engine.acceptEula)");
    if (result.upToDate()) {
      getLog().info("sqledge: manifests up to date in " + inputs.display(result.directory()));
      return;
    }
    Path directory = result.directory();
    boolean fleet = result.instances().size() > 1;
    // The root's files, or in an output by site each site directory's.
    Set<Path> roots = result.combinedFiles().stream().map(Path::getParent)
        .collect(Collectors.toSet());
    int inInstanceDirectories = 0;
    for (OutputLayout.OutputFile file : result.files()) {
      // A fleet's instance files are counted, not listed: 10,000 instances are 40,000 lines.
      if (!fleet || roots.contains(directory.resolve(file.path()).getParent())) {
        getLog().info(wrote(inputs, directory, file));
      } else {
        inInstanceDirectories++;
        if (getLog().isDebugEnabled()) {
          getLog().debug(wrote(inputs, directory, file));
        }
      }
    }
    if (fleet) {
      getLog().info("sqledge: wrote " + inInstanceDirectories + " files in the directories of "
          + result.instances().size() + " instances (" + inputs.display(directory)
          + (roots.size() > 1 ? "/<site>" : "") + "/<name>/)");
    }
    getLog().debug("sqledge: output directory " + directory);
  }

  private static String wrote(GenerateInputs inputs, Path directory, OutputLayout.OutputFile file) {
    return "sqledge: wrote " + inputs.display(directory.resolve(file.path())) + " ("
        + file.description() + ")";
  }

}
