package io.sqledge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.OperatorCrds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped schema of other operators' kinds is what {@link CustomResourceSchemaCompiler} makes
 * of the CRDs of the pinned versions (src/test/crds/crds.sh). After a version bump, refresh it:
 * {@code ./mvnw -pl sqledge-maven-plugin test -Dtest=CustomResourceSchemaFileTest
 * -Dsqledge.updateSchema=true}.
 */
class CustomResourceSchemaFileTest {

  private static final Path SHIPPED =
      Path.of("src/main/resources" + KubernetesSchema.CUSTOM_RESOURCES);

  @Test
  void shippedSchemaIsTheCompiledCrds() throws Exception {
    String compiled = CustomResourceSchemaCompiler.compile(
        OperatorCrds.files());
    if (Boolean.getBoolean("sqledge.updateSchema")) {
      Files.writeString(SHIPPED, compiled, StandardCharsets.UTF_8);
    }
    assertEquals(compiled, Files.readString(SHIPPED, StandardCharsets.UTF_8),
        SHIPPED + " is stale: refresh it with -Dsqledge.updateSchema=true (see this test's comment)");
  }

  @Test
  void everyTypeParsesAndEveryKindIsFound() {
    KubernetesSchema schema = KubernetesSchema.shipped();
    List<String> names = new ArrayList<>();
    String compiled = CustomResourceSchemaCompiler.compile(
        OperatorCrds.files());
    compiled.lines().filter(line -> line.startsWith("type ") || line.startsWith("resource "))
        .forEach(line -> names.add(line.split(" ")[1]));
    names.forEach(schema::definition);
    KubernetesSchema.Definition certificate =
        schema.kind("cert-manager.io/v1", "Certificate").orElseThrow();
    assertTrue(certificate.kind().orElseThrow().namespaced());
    assertTrue(schema.definition(certificate.name() + ".spec").required()
        .containsAll(List.of("issuerRef", "secretName")));
    assertTrue(schema.kind("monitoring.coreos.com/v1", "ServiceMonitor").isPresent());
  }
}
