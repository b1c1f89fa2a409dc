package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  static final String DEFAULT_RESOURCE = "/io/sqledge/config/default-sqledge.yaml";

  /** The platform presets, each a resource {@code presets/<name>.yaml}. */
  public static final List<String> PLATFORMS = List.of("aks", "eks", "gke", "k3s", "generic");
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
      Optional<ConfigSource> source, Map<String, String> overrides, Problems problems) {
    MappingNode defaults = embeddedDefault();
    MappingNode user = null;
    String displayName = DEFAULT_NAME;
    if (source.isPresent()) {
      displayName = source.get().displayName();
      Optional<MappingNode> read = readUserFile(source.get(), problems);
      if (problems.hasErrors()) {
        return Optional.empty();
      }
      user = read.orElse(null);
    }
    Optional<SequenceNode> fleet = Fleets.instancesOf(user, displayName, problems);
    if (fleet.isEmpty()) {
      return Optional.of(List.of(loadInstance(user, List.of(), defaults, displayName, overrides,
          problems)));
    }
    MappingNode shared = Fleets.withoutInstances(user);
    // The shared part is checked once on its own, for unknown keys and types; the instances
    // repeat its problems, which Problems keeps once.
    loadInstance(shared, List.of(), defaults, displayName, Map.of(), problems);
    List<InstanceConfig> instances = new ArrayList<>();
    for (Node item : fleet.get().getValue()) {
      instances.add(loadInstance((MappingNode) item, List.of(shared), defaults, displayName,
          overrides, problems));
    }
    Fleets.checkCollisions(instances, problems);
    return Optional.of(instances);
  }

  private static InstanceConfig loadInstance(MappingNode user, List<MappingNode> sharedLayers,
      MappingNode defaults, String displayName, Map<String, String> overrides,
      Problems problems) {
    Section.Binding binding = new Section.Binding(displayName, overrides, problems);
    if (user != null) {
      binding.sources.put("", Origin.file(displayName, user.getStartMark().getLine() + 1,
          user.getStartMark().getColumn() + 1));
      Fleets.collect(user, binding.userNodes);
    }
    sharedLayers.forEach(layer -> Fleets.collect(layer, binding.userNodes));
    // The platform picks a preset layer between the user's settings and the embedded default.
    List<MappingNode> platformLayers = new ArrayList<>(sharedLayers);
    platformLayers.add(defaults);
    String platform = Section.root(user, platformLayers, binding).string("platform");
    List<MappingNode> layers = new ArrayList<>(sharedLayers);
    if (!PLATFORMS.contains(platform)) {
      Origin at = binding.sources.getOrDefault("platform", Origin.defaults());
      problems.error(at, "platform", "`platform` is `" + platform + "`, which is not one of "
              + String.join(", ", PLATFORMS),
          Suggestions.closest(platform, PLATFORMS).map(s -> "did you mean `" + s + "`?")
              .orElse("use generic for a cluster that is none of these"));
    } else {
      layers.add(preset(platform));
    }
    layers.add(defaults);
    Section root = Section.root(user, layers, binding);
    InstanceConfig config = bind(root, binding, !sharedLayers.isEmpty());
    warnAboutUnusedOverrides(overrides, binding);
    return config;
  }

  /** A {@code -Dsqledge.x} that matches no configuration path is most likely a typo. */
  private static void warnAboutUnusedOverrides(Map<String, String> overrides,
      Section.Binding binding) {
    for (String path : new java.util.TreeSet<>(overrides.keySet())) {
      if (binding.usedOverrides.contains(path)) {
        continue;
      }
      String suggestion = Suggestions.closest(path, binding.sources.keySet())
          .map(close -> "did you mean -Dsqledge." + close + "?")
          .orElse("configuration paths are listed in the README's configuration reference");
      binding.problems.warning(Origin.property("sqledge." + path), path,
          "-Dsqledge." + path + " is neither a configuration path nor a parameter of this goal;"
              + " it is ignored", suggestion);
    }
  }

  private static Optional<MappingNode> readUserFile(ConfigSource source, Problems problems) {
    byte[] bytes;
    try {
      if (Files.size(source.file()) > YamlDocumentReader.MAX_BYTES) {
        problems.error(
            Origin.file(source.displayName()),
            "",
            "the file is larger than the " + YamlDocumentReader.MAX_BYTES + " bytes allowed",
            "a sqledge configuration is a few hundred bytes: check that `sqledge.config` names"
                + " the right file");
        return Optional.empty();
      }
      bytes = Files.readAllBytes(source.file());
    } catch (IOException e) {
      problems.error(
          Origin.file(source.displayName()),
          "",
          "cannot read the configuration file: " + e.getClass().getSimpleName(),
          "check that the file exists and is readable, or set `sqledge.config`");
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
    if (Section.isNull(node)) {
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
          "the configuration must be a map of settings, but it is " + Section.describeNode(node),
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

  private static MappingNode embeddedDefault() {
    return RESOURCES.computeIfAbsent(DEFAULT_RESOURCE, ConfigLoader::resource);
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
      Problems problems = new Problems();
      Optional<Node> node = YamlDocumentReader.read(in.readAllBytes(), DEFAULT_NAME, problems);
      if (problems.hasErrors() || node.isEmpty()) {
        throw new IllegalStateException("the embedded default is invalid: " + problems.all());
      }
      return (MappingNode) node.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InstanceConfig bind(Section root, Section.Binding binding, boolean inFleet) {
    boolean claimNamed = root.section("storage").userProvides("claimName");
    String apiVersion = root.string("apiVersion");
    String name = root.string("name");
    String namespace = root.string("namespace");
    String platform = root.string("platform");
    Map<String, String> labels = root.stringMap("labels");
    Map<String, String> annotations = root.stringMap("annotations");
    EngineConfig engine = bindEngine(root.section("engine"), binding);
    StorageConfig storage = bindStorage(root.section("storage"));
    if (inFleet && !claimNamed) {
      // Instances often share a namespace: each gets its own claim unless one is named.
      storage = storage.withClaimName(name + "-data");
    }
    ServiceConfig service = bindService(root.section("service"));
    ResourcesConfig resources = bindResources(root.section("resources"));
    HaConfig ha = bindHa(root.section("ha"));
    ProbesConfig probes = bindProbes(root.section("probes"));
    PodConfig pod = bindPod(root.section("pod"));
    root.finish();
    return new InstanceConfig(
        apiVersion,
        name,
        namespace,
        platform,
        labels,
        annotations,
        engine,
        storage,
        service,
        resources,
        ha,
        probes,
        pod,
        new SourceMap(binding.sources));
  }

  private static EngineConfig bindEngine(Section section, Section.Binding binding) {
    String image = section.string("image");
    String edition = section.string("edition");
    boolean agentEnabled = section.bool("agentEnabled");
    String collation = section.string("collation");
    long lcid = section.integer("lcid");
    boolean acceptEula = section.bool("acceptEula");
    long tcpPort = section.integer("tcpPort");
    long memoryLimitMb = section.integer("memoryLimitMb");
    Map<String, String> env = section.stringMap("env");
    SecretKeyRef saPassword;
    if (section.userHasScalar("saPassword")) {
      // Never echo the value: it is a password someone typed into a file under version control.
      binding.problems.error(
          section.userOrigin("saPassword"),
          section.pathOf("saPassword"),
          "the SA password must not be written in the configuration file",
          Section.Binding.INLINE_PASSWORD_FIX);
      saPassword = bindSecretRef(section.defaultSection("saPassword"));
    } else {
      saPassword = bindSecretRef(section.section("saPassword"));
    }
    section.finish();
    return new EngineConfig(
        image, edition, agentEnabled, collation, lcid, acceptEula, tcpPort, memoryLimitMb, env,
        saPassword);
  }

  private static SecretKeyRef bindSecretRef(Section section) {
    SecretKeyRef ref = new SecretKeyRef(section.string("secretName"), section.string("secretKey"));
    section.finish();
    return ref;
  }

  private static StorageConfig bindStorage(Section section) {
    StorageConfig storage =
        new StorageConfig(
            section.bool("createClass"),
            section.string("className"),
            section.string("provisioner"),
            section.stringMap("parameters"),
            section.string("reclaimPolicy"),
            section.string("volumeBindingMode"),
            section.bool("allowVolumeExpansion"),
            section.string("claimName"),
            section.string("size"),
            section.string("accessMode"));
    section.finish();
    return storage;
  }

  private static ServiceConfig bindService(Section section) {
    ServiceConfig service =
        new ServiceConfig(
            section.string("type"),
            section.integer("port"),
            section.stringMap("annotations"),
            section.bool("internal"),
            section.stringMap("internalAnnotations"),
            section.stringList("loadBalancerSourceRanges"),
            section.string("loadBalancerIP"));
    section.finish();
    return service;
  }

  private static PodConfig bindPod(Section section) {
    PodConfig pod = new PodConfig(
        section.integer("fsGroup"),
        section.integer("terminationGracePeriodSeconds"),
        section.stringMap("annotations"),
        section.stringMap("nodeSelector"),
        section.raw("affinity"),
        section.raw("tolerations"),
        section.string("priorityClassName"),
        section.stringList("imagePullSecrets"));
    section.finish();
    return pod;
  }

  private static ResourcesConfig bindResources(Section section) {
    Section requests = section.section("requests");
    Section limits = section.section("limits");
    ResourcesConfig resources = new ResourcesConfig(
        requests.string("cpu"), requests.string("memory"),
        limits.string("cpu"), limits.string("memory"));
    requests.finish();
    limits.finish();
    section.finish();
    return resources;
  }

  private static HaConfig bindHa(Section section) {
    HaConfig ha = new HaConfig(section.string("workload"), section.integer("failoverSeconds"));
    section.finish();
    return ha;
  }

  private static ProbesConfig bindProbes(Section section) {
    ProbesConfig probes = new ProbesConfig(
        bindProbe(section.section("startup")),
        bindProbe(section.section("readiness")),
        bindProbe(section.section("liveness")));
    section.finish();
    return probes;
  }

  private static ProbeConfig bindProbe(Section section) {
    ProbeConfig probe = new ProbeConfig(section.integer("periodSeconds"),
        section.integer("failureThreshold"), section.integer("timeoutSeconds"));
    section.finish();
    return probe;
  }
}
