package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.render.YamlScalars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Free text, character by character, against the real API server: every code point from U+0000 to
 * U+00A0, and U+2028, U+2029 and U+FEFF, inside an annotation value. The build must accept a
 * character exactly when it travels unchanged by every road it takes:
 *
 * <ul>
 *   <li>the written manifest, read back by a YAML parser (SnakeYAML);
 *   <li>{@code kubectl apply --server-side --dry-run=server} of the written manifest, as the server
 *       would store it;
 *   <li>apply's own server-side apply through the Kubernetes client, read back from the server.
 * </ul>
 *
 * A character the build refuses is sent the same ways (escaped as the templates escape it) to show
 * that one of them fails; the refusal must name it.
 */
class FreeTextRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<Integer> codePoints() {
    List<Integer> points = new ArrayList<>();
    for (int c = 0; c <= 0xA0; c++) {
      points.add(c);
    }
    points.addAll(List.of(0x2028, 0x2029, 0xFEFF));
    return points;
  }

  @Test
  void theBuildAcceptsACharacterExactlyWhenEveryRoadCarriesIt() throws Exception {
    RealCluster cluster = RealCluster.shared();
    KubernetesClient client = ClusterConnector.connect(cluster.settings());
    String namespace = cluster.newNamespace("free-text");
    Map<Integer, String> refusals = new LinkedHashMap<>();
    Map<Integer, String> writtenServices = new LinkedHashMap<>();
    for (int c : codePoints()) {
      String value = "a" + Character.toString(c) + "b";
      Path file = dir.resolve("sqledge.yaml");
      Files.writeString(file, "apiVersion: sqledge/v1\nname: " + name(c)
          + "\nannotations: {example.com/note: " + YamlScalars.quote(value) + "}\n");
      Path out = dir.resolve("out-" + name(c));
      try {
        Generator.bundled().generate(new GenerateRequest(
            Optional.of(new ConfigSource(file, "sqledge.yaml")), Map.of(), out));
        writtenServices.put(c, serviceFile(out));
      } catch (SqledgeException e) {
        refusals.put(c, e.problems().get(0).render());
        // The same Service, escaped as the templates escape a value.
        writtenServices.put(c, "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name(c)
            + "\n  annotations:\n    example.com/note: " + YamlScalars.quote(value)
            + "\nspec:\n  ports:\n    - {name: sql, port: 1433}\n");
      }
    }
    Map<String, String> byKubectl = kubectlDryRun(cluster, namespace, writtenServices.values());

    List<String> disagreements = new ArrayList<>();
    for (int c : codePoints()) {
      String value = "a" + Character.toString(c) + "b";
      List<String> failures = new ArrayList<>();
      Object parsed = annotation(new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(writtenServices.get(c)));
      if (!value.equals(parsed)) {
        failures.add("a YAML parser reads " + shown(String.valueOf(parsed)));
      }
      String stored = byKubectl.get(name(c));
      if (!value.equals(stored)) {
        failures.add("kubectl apply --server-side: " + (stored == null ? "refused"
            : "stored " + shown(stored)));
      }
      fabric8(client, namespace, c, value).ifPresent(failures::add);
      boolean carried = failures.isEmpty();
      boolean accepted = !refusals.containsKey(c);
      if (carried != accepted) {
        disagreements.add(String.format("U+%04X: build %s; %s", c,
            accepted ? "accepts" : "refuses (" + refusals.get(c) + ")",
            carried ? "every road carries it" : String.join("; ", failures)));
      } else if (!accepted) {
        String expected = String.format("U+%04X", c);
        assertTrue(refusals.get(c).contains(expected), () -> "the refusal of " + expected
            + " does not name it: " + refusals.get(c));
      }
    }
    System.out.printf("FreeTextRoundTripTest: %d characters, %d refused: %s%n",
        codePoints().size(), refusals.size(), refusals.keySet().stream()
            .map(c -> String.format("U+%04X", c)).toList());
    assertEquals(List.of(), disagreements);
  }

  /** Apply's road: a server-side apply through the client, then the stored value. */
  private static Optional<String> fabric8(KubernetesClient client, String namespace, int c,
      String value) {
    Service service = new ServiceBuilder().withNewMetadata().withName(name(c))
        .addToAnnotations("example.com/note", value).endMetadata()
        .withNewSpec().addNewPort().withName("sql").withPort(1433).endPort().endSpec().build();
    try {
      client.resource(service).inNamespace(namespace)
          .fieldValidation(FieldValidateable.Validation.STRICT)
          .fieldManager(ApplyRequest.FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      return Optional.of("server-side apply through the client: " + e.getCode() + " "
          + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
    }
    String stored = client.services().inNamespace(namespace).withName(name(c)).get()
        .getMetadata().getAnnotations().get("example.com/note");
    return value.equals(stored) ? Optional.empty()
        : Optional.of("server-side apply through the client stored " + shown(stored));
  }

  /**
   * {@code kubectl apply --server-side --dry-run=server -o json} of each Service (one at a time:
   * kubectl prints nothing when any document of a file fails); the annotation the server would
   * store, by name. A document the server refuses is missing.
   */
  private Map<String, String> kubectlDryRun(RealCluster cluster, String namespace,
      Collection<String> services) throws Exception {
    Map<String, String> stored = new LinkedHashMap<>();
    Path file = dir.resolve("service.yaml");
    for (String service : services) {
      Files.writeString(file, service, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(KubeBinaries.binary("kubectl").toString(),
          "--kubeconfig", cluster.kubeconfig().toString(), "apply", "--server-side",
          "--dry-run=server", "--field-manager=kubectl-test", "-n", namespace, "-o", "json",
          "-f", file.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (process.waitFor() == 0) {
        JsonNode object = JSON.readTree(output);
        stored.put(object.path("metadata").path("name").asText(),
            object.path("metadata").path("annotations").path("example.com/note").asText(null));
      }
    }
    return stored;
  }

  private static String serviceFile(Path out) throws Exception {
    try (Stream<Path> files = Files.walk(out)) {
      Path service = files.filter(f -> f.getFileName().toString().endsWith("-service.yaml"))
          .findFirst().orElseThrow();
      return Files.readString(service, StandardCharsets.UTF_8);
    }
  }

  private static Object annotation(Map<String, Object> document) {
    return ((Map<?, ?>) ((Map<?, ?>) document.get("metadata")).get("annotations"))
        .get("example.com/note");
  }

  private static String name(int c) {
    return "t-" + String.format(Locale.ROOT, "%04x", c);
  }

  private static String shown(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c < 0x20 || c >= 0x7F
        ? String.format("\\u%04X", c) : Character.toString(c)));
    return "`" + out + "`";
  }
}
