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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  /** Loads, checks, renders and verifies a single-instance configuration, writing nothing. */
  public Rendered render(GenerateRequest request) throws SqledgeException {
    return renderAll(request).get(0);
  }

  /** Loads, checks, renders and verifies every instance (one, or a fleet), writing nothing. */
  public List<Rendered> renderAll(GenerateRequest request) throws SqledgeException {
    Problems problems = new Problems();
    List<InstanceConfig> configs = loadAll(request.config(), request.overrides(), problems);
    List<Rendered> instances = new ArrayList<>();
    for (InstanceConfig config : configs) {
      List<RenderedDocument> rendered = renderer.render(config);
      instances.add(new Rendered(config, ManifestVerifier.verify(rendered), problems.warnings()));
    }
    return instances;
  }

  public GenerateResult generate(GenerateRequest request) throws SqledgeException {
    List<Rendered> instances = renderAll(request);
    String sourceName = request.config().map(ConfigSource::displayName).orElse("the embedded default");
    List<OutputLayout.OutputFile> files = OutputLayout.files(instances.stream()
        .map(instance -> new OutputLayout.Instance(instance.config().name(), instance.manifests()))
        .toList(), sourceName);
    Map<String, String> contents = new LinkedHashMap<>();
    files.forEach(file -> contents.put(file.path(), file.content()));
    OutputWriter.Result written = OutputWriter.write(request.outputDirectory(), contents);
    return new GenerateResult(
        instances,
        files,
        written.directory(),
        written.directory().resolve(OutputLayout.COMBINED_FILE),
        written.upToDate(),
        instances.get(0).warnings());
  }

  /** Loads and checks a single-instance configuration; throws with every error at once. */
  public static InstanceConfig load(
      Optional<ConfigSource> source, Map<String, String> overrides, Problems problems)
      throws SqledgeException {
    return loadAll(source, overrides, problems).get(0);
  }

  /** Loads and checks every instance; throws with every error of the file at once. */
  public static List<InstanceConfig> loadAll(
      Optional<ConfigSource> source, Map<String, String> overrides, Problems problems)
      throws SqledgeException {
    Optional<List<InstanceConfig>> configs = ConfigLoader.loadAll(source, overrides, problems);
    configs.ifPresent(loaded -> loaded.forEach(config -> ConfigChecker.check(config, problems)));
    if (problems.hasErrors() || configs.isEmpty()) {
      String file = source.map(ConfigSource::displayName).orElse("the embedded default");
      int count = problems.errors().size();
      throw new SqledgeException(
          "sqledge: " + count + (count == 1 ? " error" : " errors") + " in " + file + ":",
          problems.errors());
    }
    return configs.get();
  }
}
