package io.sqledge.generate;

import io.sqledge.check.ConfigChecker;
import io.sqledge.config.ConfigLoader;
import io.sqledge.config.ConfigSource;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.ManifestRenderer;
import io.sqledge.render.RenderedDocument;
import io.sqledge.verify.ManifestSet;
import io.sqledge.verify.ManifestVerifier;
import io.sqledge.write.OutputLayout;
import io.sqledge.write.OutputWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The generate pipeline: load → check → render → verify → write. Each step is one package; this
 * class only runs them in order and stops at the first step that reports errors, so that nothing
 * is written unless every step succeeded.
 */
public final class Generator {

  private final ManifestRenderer renderer;

  public Generator(ManifestRenderer renderer) {
    this.renderer = renderer;
  }

  /** A generator of the bundled templates. */
  public static Generator bundled() {
    return new Generator(ManifestRenderer.bundled());
  }

  /**
   * A generator of the bundled templates overridden and extended by a project's own, when the
   * directory exists.
   */
  public static Generator withProjectTemplates(Path directory, String shownAs)
      throws SqledgeException {
    return Files.isDirectory(directory)
        ? new Generator(ManifestRenderer.withProjectTemplates(directory, shownAs))
        : bundled();
  }

  /** A checked configuration and the verified manifests it renders to. */
  public record Rendered(InstanceConfig config, ManifestSet manifests, List<Problem> warnings) {}

  /** Loads, checks, renders and verifies, without writing anything. */
  public Rendered render(GenerateRequest request) throws SqledgeException {
    Problems problems = new Problems();
    InstanceConfig config = load(request.config(), request.overrides(), problems);
    List<RenderedDocument> rendered = renderer.render(config);
    return new Rendered(config, ManifestVerifier.verify(rendered), problems.warnings());
  }

  public GenerateResult generate(GenerateRequest request) throws SqledgeException {
    Rendered result = render(request);
    InstanceConfig config = result.config();
    ManifestSet manifests = result.manifests();
    String sourceName = request.config().map(ConfigSource::displayName).orElse("the embedded default");
    Map<String, String> files = OutputLayout.files(config.name(), manifests, sourceName);
    OutputWriter.Result written = OutputWriter.write(request.outputDirectory(), files);
    return new GenerateResult(
        config,
        manifests,
        written.files(),
        written.directory().resolve(OutputLayout.COMBINED_FILE),
        written.upToDate(),
        result.warnings());
  }

  /** Loads and checks the configuration; throws with every error of the file at once. */
  public static InstanceConfig load(
      Optional<ConfigSource> source, Map<String, String> overrides, Problems problems)
      throws SqledgeException {
    Optional<InstanceConfig> config = ConfigLoader.load(source, overrides, problems);
    config.ifPresent(loaded -> ConfigChecker.check(loaded, problems));
    if (problems.hasErrors() || config.isEmpty()) {
      String file = source.map(ConfigSource::displayName).orElse("the embedded default");
      int count = problems.errors().size();
      throw new SqledgeException(
          "sqledge: " + count + (count == 1 ? " error" : " errors") + " in " + file + ":",
          problems.errors());
    }
    return config.get();
  }
}
