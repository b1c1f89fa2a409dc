package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.config.ConfigLoader;
import io.sqledge.config.ConfigSource;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import io.sqledge.generate.Generator;
import io.sqledge.render.ManifestRenderer;
import io.sqledge.verify.ManifestSet;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Manifests from real configurations, and a log that records what apply said. */
final class ApplyFixtures {

  private static final ManifestRenderer RENDERER = ManifestRenderer.bundled();

  private ApplyFixtures() {}

  /** The verified manifests of {@code yaml} merged over the defaults. */
  static Instance instance(String yaml) throws Exception {
    return instance(yaml, Map.of());
  }

  /** As above, with property overrides ({@code service.port → 1434}). */
  static Instance instance(String yaml, Map<String, String> overrides) throws Exception {
    Path dir = Files.createTempDirectory("sqledge-apply");
    Path file = dir.resolve("sqledge.yaml");
    Files.writeString(file, yaml);
    InstanceConfig config = Generator.load(Optional.of(new ConfigSource(file, "sqledge.yaml")),
        overrides, new Problems());
    ManifestSet manifests = ManifestVerifier.verify(RENDERER.render(config));
    return new Instance(config, manifests);
  }

  /**
   * The manifests of {@code yaml} as loaded, without the build's checks: what a project template
   * or a value the checks do not know could send, for tests of what the server answers.
   */
  static Instance unchecked(String yaml) throws Exception {
    Path dir = Files.createTempDirectory("sqledge-apply");
    Path file = dir.resolve("sqledge.yaml");
    Files.writeString(file, yaml);
    InstanceConfig config = ConfigLoader.load(Optional.of(new ConfigSource(file, "sqledge.yaml")),
        Map.of(), new Problems()).orElseThrow();
    return new Instance(config, ManifestVerifier.verify(RENDERER.render(config)));
  }

  record Instance(InstanceConfig config, ManifestSet manifests) {

    ApplyRequest request(String namespace) {
      // As the apply goal makes it: with the Secrets of the declared logins.
      return new ApplyRequest(manifests, namespace, false, false, false,
          config.engine().saPassword(), SecretSource.existing(), false, Duration.ofSeconds(20),
          Duration.ofMillis(100)).withLogins(LoginSecret.of(config));
    }
  }

  static void createSecret(RealCluster cluster, String namespace) {
    createSecret(cluster.admin(), namespace);
  }

  static void createSecret(KubernetesClient admin, String namespace) {
    admin.secrets().inNamespace(namespace).resource(new SecretBuilder()
        .withNewMetadata().withName("mssql").endMetadata()
        .addToStringData("MSSQL_SA_PASSWORD", "Existing-Passw0rd").build()).create();
  }

  /** Records every line apply logs, to check what it said and what it never said. */
  static class RecordingLog implements ApplyLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
      lines.add(message);
    }

    @Override
    public synchronized void warn(String message) {
      lines.add("WARN " + message);
    }

    synchronized String all() {
      return String.join("\n", lines);
    }
  }

  static String config(String namespace, String extra) {
    return "apiVersion: sqledge/v1\nname: db\nnamespace: " + namespace + "\n" + extra;
  }
}
