package io.sqledge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped schema is exactly what the compiler makes of fabric8's OpenAPI document, so a new
 * fabric8 version cannot leave it stale. After upgrading fabric8, refresh it with
 * {@code ./mvnw -pl sqledge-maven-plugin test -Dtest=KubernetesSchemaFileTest
 * -Dsqledge.updateSchema=true} and review the diff: it is the API change.
 */
class KubernetesSchemaFileTest {

  private static final Path SHIPPED = Path.of("src/main/resources" + KubernetesSchema.RESOURCE);

  @Test
  void shippedSchemaIsTheCompiledDocument() throws Exception {
    String compiled = KubernetesSchemaCompiler.compile();
    if (Boolean.getBoolean("sqledge.updateSchema")) {
      Files.writeString(SHIPPED, compiled, StandardCharsets.UTF_8);
    }
    assertEquals(compiled, Files.readString(SHIPPED, StandardCharsets.UTF_8),
        SHIPPED + " is stale: refresh it with -Dsqledge.updateSchema=true (see this test's comment)");
  }

  @Test
  void everyReferenceIsDefinedAndEveryKindIsFound() throws Exception {
    String compiled = KubernetesSchemaCompiler.compile();
    KubernetesSchema schema = KubernetesSchema.parse(compiled);
    List<String> lines = compiled.lines().toList();
    List<String> missing = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("type ") || line.startsWith("resource ") || line.startsWith("alias ")) {
        schema.definition(line.split(" ")[1]); // each is parsed on first use: parse them all
      }
      for (String word : line.split("[ \\[\\]{}!]+")) {
        if (word.startsWith("@")) {
          try {
            schema.definition(word.substring(1));
          } catch (IllegalStateException e) {
            missing.add(word);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
    assertTrue(schema.size() > 1000, "definitions: " + schema.size());
    assertEquals("io.k8s.api.apps.v1.Deployment",
        schema.kind("apps/v1", "Deployment").orElseThrow().name());
    assertTrue(schema.kind("v1", "Service").orElseThrow().kind().orElseThrow().namespaced());
    KubernetesSchema.Definition container = schema.definition("io.k8s.api.core.v1.Container");
    assertEquals(Set.of("name"), container.required());
    assertEquals(new KubernetesSchema.Scalar("string", "", Set.of()),
        container.properties().get("image"));
    assertEquals(new KubernetesSchema.ArrayOf(new KubernetesSchema.Ref(
        "io.k8s.api.core.v1.ContainerPort")), container.properties().get("ports"));
    assertTrue(!schema.kind("storage.k8s.io/v1", "StorageClass").orElseThrow().kind().orElseThrow()
        .namespaced());
  }
}
