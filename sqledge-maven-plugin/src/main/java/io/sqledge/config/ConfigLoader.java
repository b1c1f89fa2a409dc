package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads a sqledge configuration: the user's file (if any) merged over the embedded default, with
 * {@code -Dsqledge.<path>} properties over both.
 *
 * <p>Problems go to the given {@link Problems}, all of them, so that one run reports every error of
 * a file. The result is empty only when the file cannot be read as YAML at all.
 */
public final class ConfigLoader {

  /** The supported configuration format. */
  public static final String API_VERSION = "sqledge/v1";

  private static final String DEFAULT_NAME = "<embedded default>";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param source the user's file, or empty for the embedded default alone
   * @param overrides property values by configuration path ({@code service.port → 1434})
   * @param problems receives every error and warning
   */
  public static Optional<InstanceConfig> load(
      Optional<ConfigSource> source, Map<String, String> overrides, Problems problems) {
    return loadAll(source, overrides, problems).map(instances -> instances.get(0));
  }

  /**
   * Loads every instance of the configuration: one, or a fleet when the file has an {@code
   * instances} list. Each fleet entry is read over the rest of the file (the shared settings),
   * which is read over the platform preset and the embedded default.
   *
   * @return the instances in file order; empty when the file cannot be read as YAML
   */
  public static Optional<List<InstanceConfig>> loadAll(
      Optional<ConfigSource> source, Map<String, String> properties, Problems problems) {
    Map<String, String> overrides = SecretSettings.refusePasswords(properties, problems);
    MappingNode defaults = embeddedDefault();
    MappingNode user = null;
    String displayName = DEFAULT_NAME;
    if (source.isPresent()) {
      displayName = source.get().displayName();
      int before = problems.errors().size();
      Optional<MappingNode> read = readUserFile(source.get(), problems);
      if (problems.errors().size() > before) {
        return Optional.empty();
      }
      user = read.orElse(null);
    }
    Optional<SequenceNode> fleet = Fleets.instancesOf(user, displayName, problems);
    if (fleet.isEmpty()) {
      return Optional.of(List.of(loadInstance(user, List.of(), defaults, displayName, overrides,
          problems, "")));
    }
    MappingNode shared = Fleets.withoutInstances(user);
    // The shared part is checked once on its own, for unknown keys and types; the instances
    // repeat its problems, which Problems keeps once.
    loadInstance(shared, List.of(), defaults, displayName, Map.of(), problems, "");
    List<InstanceConfig> instances = new ArrayList<>();
    List<Node> items = fleet.get().getValue();
    for (int i = 0; i < items.size(); i++) {
      instances.add(loadInstance((MappingNode) items.get(i), List.of(shared), defaults,
          displayName, overrides, problems, Fleets.KEY + "[" + i + "]"));
    }
    return Optional.of(instances);
  }

  private static InstanceConfig loadInstance(MappingNode user, List<MappingNode> sharedLayers,
      MappingNode defaults, String displayName, Map<String, String> overrides,
      Problems problems, String shownAs) {
    Binding binding = new Binding(displayName, overrides, problems);
    if (user != null) {
      binding.sources.put("", Origin.file(displayName, user.getStartMark().getLine() + 1,
          user.getStartMark().getColumn() + 1));
      Fleets.collect(user, binding.userNodes);
    }
    sharedLayers.forEach(layer -> Fleets.collect(layer, binding.userNodes));
    // Two keys pick layers: the platform its preset, and (in a fleet) the name the claim's name.
    List<MappingNode> upper = new ArrayList<>(sharedLayers);
    upper.add(defaults);
    Section first = Section.root(user, upper, binding, shownAs);
    String platform = first.string("platform");
    List<MappingNode> layers = new ArrayList<>(sharedLayers);
    if (!sharedLayers.isEmpty()) {
      layers.add(Fleets.claimLayer(first.string("name"), user, binding.userNodes));
    }
    if (ConfigSchema.allowed(ConfigSchema.entry("platform").orElseThrow()).contains(platform)) {
      layers.add(preset(platform));
    } // else the declared check reports it, with the closest platform
    layers.add(defaults);
    InstanceConfig config = RecordBinder.bindInstance(
        Section.root(user, layers, binding, shownAs), binding);
    warnAboutUnusedOverrides(overrides, binding);
    return config;
  }

  /** A {@code -Dsqledge.x} that matches no configuration path is most likely a typo. */
  private static void warnAboutUnusedOverrides(Map<String, String> overrides,
      Binding binding) {
    for (String path : new java.util.TreeSet<>(overrides.keySet())) {
      if (binding.usedOverrides.contains(path)) {
        continue;
      }
      String suggestion = Suggestions.closest(path, binding.sources.keySet())
          .map(close -> "did you mean -Dsqledge." + close + "?")
          .orElse("configuration paths are listed in docs/configuration.md");
      binding.problems.warning(Origin.property("sqledge." + path), path,
          "-Dsqledge." + path + " is neither a configuration path nor a parameter of this plugin;"
              + " it is ignored", suggestion);
    }
  }

  private static Optional<MappingNode> readUserFile(ConfigSource source, Problems problems) {
    Origin file = Origin.file(source.displayName());
    if (!Files.isRegularFile(source.file())) {
      // A directory, a pipe or a device would fail late, hang, or never end.
      problems.error(file, "", Files.isDirectory(source.file())
              ? "the configuration is a directory, not a file"
              : Files.exists(source.file()) ? "the configuration is not a regular file (a pipe or"
                  + " a device)" : "the configuration file does not exist (a link to nothing?)",
          "point `sqledge.config` at a YAML file, such as src/main/sqledge/sqledge.yaml");
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(source.file())) {
      // Read one byte past the limit, whatever the file system says the size is.
      bytes = in.readNBytes(YamlDocumentReader.MAX_BYTES + 1);
    } catch (IOException e) {
      problems.error(file, "", "cannot read the configuration file: "
              + e.getClass().getSimpleName(),
          "check that the file is readable, or set `sqledge.config`");
      return Optional.empty();
    }
    if (bytes.length > YamlDocumentReader.MAX_BYTES) {
      problems.error(file, "", "the file is larger than the " + YamlDocumentReader.MAX_BYTES
              + " bytes allowed",
          "a sqledge configuration is a few hundred bytes: check that `sqledge.config` names"
              + " the right file");
      return Optional.empty();
    }
    Optional<Node> document = YamlDocumentReader.read(bytes, source.displayName(), problems);
    if (document.isEmpty()) {
      if (!problems.hasErrors()) {
        problems.warning(
            Origin.file(source.displayName()),
            "",
            "the configuration file is empty; using the embedded default",
            "");
      }
      return Optional.empty();
    }
    Node node = document.get();
    if (YamlNodes.isNull(node)) {
      problems.warning(Origin.file(source.displayName()), "",
          "the configuration file is empty; using the embedded default", "");
      return Optional.empty();
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.error(
          Origin.file(
              source.displayName(),
              node.getStartMark().getLine() + 1,
              node.getStartMark().getColumn() + 1),
          "",
          "the configuration must be a map of settings, but it is " + YamlNodes.describeNode(node),
          "start from the example in the README: `apiVersion: sqledge/v1`, then `name:`, …");
      return Optional.empty();
    }
    return Optional.of(mapping);
  }

  /**
   * The embedded default and the presets, parsed once per JVM: a fleet reads a preset per
   * instance, and their node trees are only ever read.
   */
  private static final Map<String, MappingNode> RESOURCES = new ConcurrentHashMap<>();

  /** The embedded default: the declared default of every key, as one layer. */
  private static MappingNode embeddedDefault() {
    return RESOURCES.computeIfAbsent("", name -> parse(
        ConfigSchema.defaultsYaml().getBytes(StandardCharsets.UTF_8), "the declared defaults"));
  }

  private static MappingNode preset(String platform) {
    return RESOURCES.computeIfAbsent("/io/sqledge/config/presets/" + platform + ".yaml",
        ConfigLoader::resource);
  }

  private static MappingNode resource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return parse(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MappingNode parse(byte[] yaml, String what) {
    Problems problems = new Problems();
    Optional<Node> node = YamlDocumentReader.read(yaml, DEFAULT_NAME, problems);
    if (problems.hasErrors() || node.isEmpty() || !(node.get() instanceof MappingNode mapping)) {
      throw new IllegalStateException(what + " are invalid: " + problems.all());
    }
    return mapping;
  }
}
