package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class GeneratorTest {

  private static final Generator GENERATOR = Generator.bundled();

  @TempDir Path dir;

  private static List<String> tree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void writesOneFilePerResourceAndTheCombinedFile() throws Exception {
    Path out = dir.resolve("sqledge");
    GenerateResult result = GENERATOR.generate(new GenerateRequest(Optional.empty(), Map.of(), out));

    assertEquals(List.of("kustomization.yaml", "manifests.yaml", "sqledge/01-storageclass.yaml",
        "sqledge/02-persistentvolumeclaim.yaml", "sqledge/03-networkpolicy.yaml",
        "sqledge/04-deployment.yaml", "sqledge/05-service.yaml", "sqledge/06-configmap.yaml",
        "sqledge/07-job.yaml", "sqledge/kustomization.yaml"),
        tree(out));
    assertEquals(out.resolve("manifests.yaml"), result.combinedFiles().get(0));

    List<Object> documents = new ArrayList<>();
    new Yaml(new SafeConstructor(new LoaderOptions()))
        .loadAll(Files.readString(result.combinedFiles().get(0))).forEach(documents::add);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service", "ConfigMap", "Job"),
        documents.stream().map(d -> ((Map<?, ?>) d).get("kind")).toList());
    Object single = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(out.resolve("sqledge/04-deployment.yaml")));
    assertEquals(documents.get(3), single);
  }

  @Test
  void sameInputGivesByteIdenticalOutput() throws Exception {
    ConfigSource source = TestConfigs.write(dir, """
        name: orders
        engine:
          env:
            B: "2"
            A: "1"
        service:
          annotations:
            z.example.com/x: "1"
            a.example.com/y: "2"
        """);
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    GENERATOR.generate(new GenerateRequest(Optional.of(source), Map.of(), first));
    GENERATOR.generate(new GenerateRequest(Optional.of(source), Map.of(), second));

    for (String file : tree(first)) {
      assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
      String text = Files.readString(first.resolve(file));
      assertFalse(text.contains("\r"), "LF line ends");
    }
  }

  @Test
  void anInvalidConfigWritesNothingAndKeepsThePreviousOutput() throws Exception {
    Path out = dir.resolve("sqledge");
    GENERATOR.generate(new GenerateRequest(Optional.empty(), Map.of(), out));
    List<String> before = tree(out);
    String deployment = Files.readString(out.resolve("sqledge/04-deployment.yaml"));

    ConfigSource bad = TestConfigs.write(dir, "name: orders\nstorage:\n  size: 8Gb\n");
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> GENERATOR.generate(new GenerateRequest(Optional.of(bad), Map.of(), out)));

    assertTrue(e.getMessage().startsWith("sqledge: 1 error in sqledge.yaml:\n"
        + "  sqledge.yaml:3:9: `storage.size` is `8Gb`"), e::getMessage);
    assertEquals(before, tree(out));
    assertEquals(deployment, Files.readString(out.resolve("sqledge/04-deployment.yaml")));
  }

  @Test
  void aSecondRunWithUnchangedInputIsUpToDate() throws Exception {
    Path out = dir.resolve("sqledge");
    assertFalse(GENERATOR.generate(new GenerateRequest(Optional.empty(), Map.of(), out)).upToDate());
    assertTrue(GENERATOR.generate(new GenerateRequest(Optional.empty(), Map.of(), out)).upToDate());
  }
}
