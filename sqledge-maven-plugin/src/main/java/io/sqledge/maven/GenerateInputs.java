package io.sqledge.maven;

import io.sqledge.config.ConfigSource;
import io.sqledge.generate.Generator;
import io.sqledge.generate.GenerateRequest;
import java.io.File;
import java.io.IOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Turns the parameters every goal shares (the configuration file, the output directory, the
 * {@code sqledge.*} properties) into a {@link GenerateRequest}: generate, apply and delete all
 * start from exactly the same manifests.
 */
final class GenerateInputs {

  static final String DEFAULT_CONFIG = "src/main/sqledge/sqledge.yaml";
  static final String DEFAULT_TEMPLATES = "src/main/sqledge/templates";

  private final MavenProject project;

  GenerateInputs(MavenProject project) {
    this.project = project;
  }

  GenerateRequest request(File config, File outputDirectory, MavenSession session, Log log,
      boolean force) throws MojoFailureException {
    return new GenerateRequest(
        configSource(config, log),
        ConfigOverrides.from(ConnectionProperties.overridable(project),
            session.getUserProperties()),
        outputDirectory.toPath(),
        force);
  }

  private Optional<ConfigSource> configSource(File config, Log log) throws MojoFailureException {
    Path file = config.toPath().toAbsolutePath().normalize();
    Path defaultFile = project.getBasedir().toPath().resolve(DEFAULT_CONFIG).normalize();
    if (Files.isSymbolicLink(file) && !Files.exists(file)) {
      // Never fall back to the embedded default here: apply would deploy another database.
      throw new MojoFailureException("sqledge: the configuration " + display(file) + " is a"
          + " symbolic link to nothing (or a loop)\n    fix: point the link at the configuration"
          + " file, or remove it to use the embedded default");
    }
    if (linksOutOfProject(file)) {
      // A link planted in the project (a pull request) must not make the build read, and echo
      // into messages or manifests, a file from elsewhere on the machine.
      throw new MojoFailureException("sqledge: the configuration " + display(file) + " is a"
          + " symbolic link to a file outside the project\n    fix: copy the configuration into"
          + " the project, or name that file itself with -Dsqledge.config=<path>");
    }
    if (!Files.exists(file)) {
      if (file.equals(defaultFile)) {
        log.info("sqledge: no " + display(file) + "; using the embedded default configuration");
        return Optional.empty();
      }
      throw new MojoFailureException(
          "sqledge: the configuration file "
              + display(file)
              + " does not exist\n    fix: create it, or remove -Dsqledge.config / <config> to use"
              + " " + DEFAULT_CONFIG + " or the embedded default");
    }
    return Optional.of(new ConfigSource(file, display(file)));
  }

  /** Where {@code file} leads when it is a symbolic link to a file outside the project. */
  private Optional<Path> linkOutOfProject(Path file) {
    try {
      if (!Files.isSymbolicLink(file) || !Files.exists(file)) {
        return Optional.empty();
      }
      Path target = file.toRealPath();
      return target.startsWith(project.getBasedir().toPath().toRealPath()) ? Optional.empty()
          : Optional.of(target);
    } catch (IOException e) {
      return Optional.empty(); // unreadable: reading the configuration reports it
    }
  }

  /** Whether {@code file} is a symbolic link to a file outside the project. */
  private boolean linksOutOfProject(Path file) {
    try {
      return Files.isSymbolicLink(file) && Files.exists(file)
          && !file.toRealPath().startsWith(project.getBasedir().toPath().toRealPath());
    } catch (IOException e) {
      return false; // unreadable: reading the configuration reports it
    }
  }

  /** The pipeline, with the project's templates when its template directory exists. */
  Generator generator(File templates, Log log) {
    Path directory = templates.toPath().toAbsolutePath().normalize();
    if (Files.isDirectory(directory)) {
      log.info("sqledge: using the project's templates in " + display(directory));
    }
    return Generator.withProjectTemplates(directory, display(directory));
  }

  /** A path relative to the project, as users see it in their tree. */
  String display(Path path) {
    Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
  }
}
