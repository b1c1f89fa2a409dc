package io.sqledge.generate;

import io.sqledge.check.ConfigChecker;
import io.sqledge.config.ConfigLoader;
import io.sqledge.config.ConfigSource;
import io.sqledge.config.GitOpsConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Background;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.GitOpsModel;
import io.sqledge.render.ManifestRenderer;
import io.sqledge.verify.ManifestSet;
import io.sqledge.verify.ManifestVerifier;
import io.sqledge.write.OutputLayout;
import io.sqledge.write.OutputWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The generate pipeline: load → check → render → verify → write. Each step is one package; this
 * class only runs them in order and stops at the first step that reports errors, so that nothing
 * is written unless every step succeeded.
 *
 * <p>Two things keep it cheap in a build that runs it every time. The template engine is set up
 * and the templates are parsed on a second thread while this one loads and checks the
 * configuration (in a fresh JVM each takes a few hundred milliseconds). And {@link #generate}
 * skips the work when nothing it depends on changed since the last run into the same directory.
 */
public final class Generator {

  private final Background.Step<ManifestRenderer> renderer;
  private final Optional<Path> templateDirectory;

  private Generator(Background.Step<ManifestRenderer> renderer, Optional<Path> templateDirectory) {
    this.renderer = renderer;
    this.templateDirectory = templateDirectory;
  }

  /** A generator of the bundled templates. */
  public static Generator bundled() {
    return new Generator(ManifestRenderer::bundled, Optional.empty());
  }

  /**
   * A generator of the bundled templates overridden and extended by a project's own, when the
   * directory exists.
   */
  public static Generator withProjectTemplates(Path directory, String shownAs) {
    return Files.isDirectory(directory)
        ? new Generator(() -> ManifestRenderer.withProjectTemplates(directory, shownAs),
            Optional.of(directory))
        : bundled();
  }

  /**
   * A checked configuration and the verified manifests it renders to; {@code directory} is where
   * its files go in the output (see {@link OutputLayout#directories}), which also names it in what
   * apply publishes.
   */
  public record Rendered(InstanceConfig config, String directory, ManifestSet manifests,
      List<Problem> warnings) {}

  /** Loads, checks, renders and verifies a single-instance configuration, writing nothing. */
  public Rendered render(GenerateRequest request) throws SqledgeException {
    return renderAll(request).get(0);
  }

  /** Loads, checks, renders and verifies every instance (one, or a fleet), writing nothing. */
  public List<Rendered> renderAll(GenerateRequest request) throws SqledgeException {
    return renderAll(request, loaded -> {});
  }

  /** What to do with the checked configurations before they render. */
  public interface Loaded {
    void accept(List<InstanceConfig> instances) throws SqledgeException;
  }

  /**
   * {@link #renderAll(GenerateRequest)}, handing the checked configurations to {@code loaded}
   * first: the cluster goals start connecting to the instances' sites while they render.
   */
  public List<Rendered> renderAll(GenerateRequest request, Loaded loaded)
      throws SqledgeException {
    List<Rendered> instances = new ArrayList<>();
    prepare(request, loaded).renderEach(instances::add);
    return instances;
  }

  /**
   * Generates into the request's output directory, or, unless {@code request.force()}, does
   * nothing when the directory still holds what the same inputs produced last time; the warnings
   * of that run are given again. Each instance is written to the staging output as soon as it is
   * rendered and verified, so a fleet never holds more than one instance's resources.
   */
  public GenerateResult generate(GenerateRequest request) throws SqledgeException {
    String inputsKey = inputsKey(request);
    Path directory = request.outputDirectory().toAbsolutePath().normalize();
    if (!request.force() && !inputsKey.isEmpty()) {
      Optional<List<String>> notes = OutputWriter.recordedNotes(directory, inputsKey);
      if (notes.isPresent()) {
        return GenerateResult.skipped(directory, OutputLayout.combinedFiles(directory),
            RecordedWarnings.decode(notes.get()));
      }
    }
    // Loaded and checked before the output is touched: a configuration error writes nothing.
    Prepared prepared = prepare(request, loaded -> {});
    return write(prepared::renderEach, prepared.bySite(), gitOps(prepared.gitops(),
        prepared.renderer()), request, inputsKey, prepared.warnings());
  }

  /**
   * Writes rendered instances into the request's output directory, the step after {@link
   * #renderAll}: all files or none, and only when their content changes.
   */
  public GenerateResult write(List<Rendered> instances, GenerateRequest request)
      throws SqledgeException {
    List<InstanceConfig> configs = instances.stream().map(Rendered::config).toList();
    GitOpsConfig gitops = configs.get(0).gitops();
    // The engines' templates are set up again only when there are engines' files to write.
    FleetFiles fleetFiles = gitops.enabled() ? gitOps(gitops, renderer.run()) : layout -> {};
    return write(sink -> {
      for (Rendered instance : instances) {
        sink.accept(instance);
      }
    }, OutputLayout.bySite(configs), fleetFiles, request, inputsKey(request),
        instances.get(0).warnings());
  }

  /** Writes each instance to the staging output as {@code instances} hands it over. */
  private static GenerateResult write(Instances instances, boolean bySite,
      FleetFiles fleetFiles, GenerateRequest request, String inputsKey, List<Problem> warnings)
      throws SqledgeException {
    Path directory = request.outputDirectory().toAbsolutePath().normalize();
    try (OutputWriter.Staging staging = OutputWriter.stage(directory)) {
      OutputLayout layout = new OutputLayout(staging, sourceName(request), bySite);
      instances.each(instance -> layout.add(instance.config(), instance.directory(),
          instance.manifests()));
      fleetFiles.add(layout);
      List<OutputLayout.OutputFile> files = layout.finish();
      OutputWriter.Result written = staging.commit(inputsKey, RecordedWarnings.encode(warnings));
      return new GenerateResult(
          layout.instances(),
          files,
          written.directory(),
          layout.combinedFiles().stream().map(written.directory()::resolve).toList(),
          written.upToDate(),
          false,
          warnings);
    }
  }

  private static String sourceName(GenerateRequest request) {
    return request.config().map(ConfigSource::displayName).orElse("the embedded default");
  }

  /** Adds the files of the fleet, which no instance owns, once the instances are laid out. */
  private interface FleetFiles {
    void add(OutputLayout layout) throws SqledgeException;
  }

  /**
   * The GitOps engines' files, when {@code gitops} asks for them: the Argo CD ApplicationSet, and
   * a Flux Kustomization per site of the output.
   */
  private static FleetFiles gitOps(GitOpsConfig gitops, ManifestRenderer renderer) {
    return layout -> {
      if (gitops.argocd()) {
        layout.addFile(OutputLayout.APPLICATION_SET_FILE, fleetDocument(renderer,
            GitOpsModel.APPLICATION_SET, GitOpsModel.of(gitops, OutputLayout.GITOPS_DIRECTORY,
                "")), "Argo CD ApplicationSet");
      }
      if (gitops.flux()) {
        for (String site : layout.sites()) {
          layout.addFile(OutputLayout.fluxFile(site), fleetDocument(renderer,
              GitOpsModel.FLUX_KUSTOMIZATION, GitOpsModel.of(gitops,
                  OutputLayout.GITOPS_DIRECTORY, site)), "Flux Kustomization of " + site);
        }
      }
    };
  }

  /** A fleet template rendered and read back: one YAML mapping, or an error naming it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> fleetDocument(ManifestRenderer renderer, String template,
      Map<String, Object> model) throws SqledgeException {
    String text = renderer.renderFleetFile(template, model);
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      document = null;
    }
    if (!(document instanceof Map<?, ?>)) {
      throw new SqledgeException("sqledge: rendering " + template + " failed", List.of(
          Problem.error(Origin.file("templates/" + template), "", "it did not render to one"
              + " YAML mapping", "check the template's YAML (its indentation, a value that needs"
              + " quotes)")));
    }
    return (Map<String, Object>) document;
  }

  /** Takes each rendered, verified instance in turn. */
  private interface InstanceSink {
    void accept(Rendered instance) throws SqledgeException;
  }

  /** Instances handed over one at a time, in configuration order. */
  private interface Instances {
    void each(InstanceSink sink) throws SqledgeException;
  }

  /**
   * A loaded, checked configuration and what renders and verifies its instances. The instances
   * are taken from {@code pending} as they render, so that each configuration (with its source
   * positions, a fleet's largest part once its manifests are written) can be let go; it renders
   * once.
   */
  private record Prepared(GenerateRequest request, Queue<InstanceConfig> pending,
      boolean bySite, GitOpsConfig gitops, Function<InstanceConfig, String> directories,
      Problems problems,
      ManifestRenderer renderer, ManifestVerifier verifier) {

    /** Every warning loading made; one list serves all instances. */
    List<Problem> warnings() {
      return problems.warnings();
    }

    /**
     * Renders and verifies the instances in order, handing each to {@code sink} while no two
     * have collided; throws with every collision once all are checked.
     */
    void renderEach(InstanceSink sink) throws SqledgeException {
      // (A copy of the warnings per instance cost a fleet of 10,000 instances, with a warning
      // each, 10,000 sorted lists of 10,000.)
      List<Problem> warnings = warnings();
      FleetCollisions collisions = new FleetCollisions(problems);
      for (InstanceConfig config = pending.poll(); config != null; config = pending.poll()) {
        Rendered instance = new Rendered(config, directories.apply(config),
            verifier.check(renderer.render(config)), warnings);
        collisions.add(instance);
        if (!problems.hasErrors()) {
          sink.accept(instance);
        }
      }
      if (problems.hasErrors()) {
        throw new SqledgeException("sqledge: instances collide in " + sourceName(request) + ":",
            problems.errors());
      }
    }
  }

  /** Loads and checks the configuration while the templates are parsed in the background. */
  private Prepared prepare(GenerateRequest request, Loaded loaded) throws SqledgeException {
    Background<ManifestRenderer> prepared = prepareInBackground();
    Problems problems = new Problems();
    List<InstanceConfig> configs = loadAll(request.config(), request.overrides(), problems);
    boolean bySite = OutputLayout.bySite(configs);
    FleetSites.check(configs, bySite, problems);
    if (problems.hasErrors()) {
      throw new SqledgeException("sqledge: the sites of " + sourceName(request) + " do not fit"
          + " together:", problems.errors());
    }
    loaded.accept(configs);
    // The API schema is read on this thread (the checks of free-form values already needed it;
    // a third thread for it was slower on two cores).
    ManifestVerifier verifier = new ManifestVerifier();
    return new Prepared(request, new ArrayDeque<>(configs), bySite, configs.get(0).gitops(),
        OutputLayout.directories(configs, bySite),
        problems, prepared.get(), verifier);
  }

  /** The key of the request's inputs; empty (never skip) when they cannot be read. */
  private String inputsKey(GenerateRequest request) {
    try {
      return InputsKey.of(request, templateDirectory);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Sets up the template engine and parses the templates, in a thread of its own. */
  private Background<ManifestRenderer> prepareInBackground() {
    return Background.start("sqledge-prepare", () -> {
      ManifestRenderer ready = renderer.run();
      ready.parseTemplates();
      return ready;
    });
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
