package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.RealCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** `kubectl kustomize` over the output yields exactly the objects of the plain files. */
class KustomizeOutputTest {

  @TempDir Path dir;

  @Test
  void kustomizeYieldsTheSameObjectsAsThePlainFiles() throws Exception {
    Path out = dir.resolve("sqledge");
    GenerateResult result = Generator.bundled().generate(
        new GenerateRequest(Optional.empty(), Map.of(), out));

    List<Map<String, Object>> plain = documents(java.nio.file.Files.readString(result.combinedFiles().get(0)));
    List<Map<String, Object>> perInstance = documents(kustomize(out.resolve("sqledge")));
    List<Map<String, Object>> root = documents(kustomize(out));

    assertEquals(7, plain.size());
    assertEquals(sorted(plain), sorted(perInstance));
    assertEquals(sorted(plain), sorted(root));
  }

  @Test
  void aFleetsRootKustomizationHoldsEveryObjectOnce() throws Exception {
    Path config = dir.resolve("sqledge.yaml");
    java.nio.file.Files.writeString(config, """
        namespace: stores
        instances:
          - name: store-001
          - name: store-002
          - name: store-003
        """);
    Path out = dir.resolve("fleet");
    GenerateResult result = Generator.bundled().generate(new GenerateRequest(
        Optional.of(new io.sqledge.config.ConfigSource(config, "sqledge.yaml")), Map.of(), out));

    List<Map<String, Object>> plain = documents(java.nio.file.Files.readString(result.combinedFiles().get(0)));
    assertEquals(1 + 3 * 6, plain.size());
    assertEquals(sorted(plain), sorted(documents(kustomize(out))));
  }

  @Test
  void eachSitesKustomizationHoldsWhatItsClusterNeedsOnce() throws Exception {
    Path config = dir.resolve("sqledge.yaml");
    java.nio.file.Files.writeString(config, """
        namespace: pos
        cluster: {context: store-berlin}
        instances:
          - name: db
          - name: reports
          - name: db
            cluster: {context: store-hamburg}
        """);
    Path out = dir.resolve("sites");
    GenerateResult result = Generator.bundled().generate(new GenerateRequest(
        Optional.of(new io.sqledge.config.ConfigSource(config, "sqledge.yaml")), Map.of(), out));

    assertEquals(2, result.combinedFiles().size());
    for (Path combined : result.combinedFiles()) {
      List<Map<String, Object>> plain = documents(java.nio.file.Files.readString(combined));
      List<Map<String, Object>> built = documents(kustomize(combined.getParent()));
      assertEquals(sorted(plain), sorted(built), combined.toString());
      // Each cluster gets its StorageClass once, however many of its instances use it.
      assertEquals(1, plain.stream().filter(d -> d.get("kind").equals("StorageClass")).count());
    }
    assertEquals(1 + 2 * 6, documents(java.nio.file.Files.readString(
        out.resolve("store-berlin/manifests.yaml"))).size());
  }

  private static String kustomize(Path directory) throws Exception {
    RealCluster.Kustomized result = RealCluster.kustomize(directory);
    assertTrue(result.ok(), result.output());
    return result.output();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String text) {
    List<Map<String, Object>> documents = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(document -> {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    });
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> sorted(List<Map<String, Object>> documents) {
    List<Map<String, Object>> copy = new ArrayList<>(documents);
    copy.sort(Comparator.comparing(d -> d.get("kind") + "/"
        + ((Map<String, Object>) d.get("metadata")).get("name")));
    return copy;
  }
}
