package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.BundledTemplates;
import io.sqledge.verify.Manifest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A project's own templates: overrides of the bundled ones, extra resources, broken ones. */
class ProjectTemplatesTest {

  private static final String SHOWN_AS = "src/main/sqledge/templates";

  @TempDir Path dir;

  private GenerateRequest request() {
    return new GenerateRequest(Optional.empty(), Map.of(), dir.resolve("out"));
  }

  private List<Manifest> rendered(Path templates) throws Exception {
    return Generator.withProjectTemplates(templates, SHOWN_AS).renderAll(request())
        .get(0).manifests().manifests();
  }

  private static String bundled(String name) throws Exception {
    try (InputStream in = BundledTemplates.class.getResourceAsStream(
        BundledTemplates.CLASS_PATH_ROOT + "/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"storageclass.yaml.ftl", "persistentvolumeclaim.yaml.ftl",
      "deployment.yaml.ftl", "service.yaml.ftl"})
  void aProjectTemplateReplacesTheBundledOneOfTheSameName(String name) throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    // The bundled template with one more label on the resource.
    String changed = bundled(name).replaceFirst("(?m)^  labels:\\n",
        "  labels:\n    example.com/overridden: \"" + name + "\"\n");
    Files.writeString(templates.resolve(name), changed);

    List<Manifest> manifests = rendered(templates);

    Manifest overridden = manifests.stream()
        .filter(m -> m.templateName().equals(SHOWN_AS + "/" + name)).findFirst().orElseThrow();
    assertEquals(name, overridden.resource().getMetadata().getLabels().get("example.com/overridden"));
    assertEquals(1, manifests.stream().filter(m -> m.resource().getMetadata().getLabels()
        .containsKey("example.com/overridden")).count(), "the others stay bundled");
  }

  @Test
  void extraTemplatesAddResourcesAfterTheBundledOnes() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("_ports.ftl"), "<#assign sqlPort = 1433>\n");
    // Not networkpolicy.yaml.ftl: that name would replace the bundled policy (network.policy).
    Files.writeString(templates.resolve("clients-networkpolicy.yaml.ftl"), """
        <#include "_ports.ftl">
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: ${name + "-clients"}
        spec:
          podSelector:
            matchLabels:
        <#list selectorLabels as key, value>
              ${key}: ${value}
        </#list>
          policyTypes: [Ingress]
          ingress:
            - ports:
                - port: ${sqlPort}
              from:
                - podSelector:
                    matchLabels:
                      example.com/db-client: "true"
        """);
    Files.writeString(templates.resolve("pdb.yaml.ftl"), """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: ${name}
        spec:
          maxUnavailable: 0
          selector:
            matchLabels:
        <#list selectorLabels as key, value>
              ${key}: ${value}
        </#list>
        """);

    List<Manifest> manifests = rendered(templates);

    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service", "ConfigMap", "Job", "NetworkPolicy", "PodDisruptionBudget"),
        manifests.stream().map(Manifest::kind).toList());
    NetworkPolicy policy = (NetworkPolicy) manifests.get(7).resource();
    assertEquals("sqledge-clients", policy.getMetadata().getName());
    assertEquals(1433, policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
    assertEquals("sqledge", ((PodDisruptionBudget) manifests.get(8).resource()).getSpec()
        .getSelector().getMatchLabels().get("app.kubernetes.io/instance"));
    Generator.withProjectTemplates(templates, SHOWN_AS).generate(request());
    assertTrue(Files.isRegularFile(dir.resolve("out/sqledge/08-networkpolicy.yaml")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<#if name == \"x\">\nkind: ConfigMap\n", "name: ${name +\n",
      "${.now?string(\"yyyy\")}\n<#list 1..3 as i>\n"})
  void aTemplateSyntaxErrorNamesItsFileLineAndWhatIsWrong(String text) throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("configmap.yaml.ftl"), "apiVersion: v1\n" + text);

    SqledgeException e = assertThrows(SqledgeException.class, () -> rendered(templates));

    Problem problem = e.problems().get(0);
    assertTrue(problem.origin().describe().matches(SHOWN_AS + "/configmap\\.yaml\\.ftl:\\d+:\\d+"),
        problem::render);
    assertTrue(problem.message().startsWith("template syntax error: "), problem::render);
    assertTrue(!problem.message().contains("earlier attempt") && !problem.message()
        .contains("freemarker.") && !problem.message().contains("Exception"), problem::render);
    assertTrue(!problem.fix().isBlank(), problem::render);
  }

  @Test
  void aTemplateLinkedFromOutsideTheDirectoryIsRefusedByName() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Path outside = Files.writeString(dir.resolve("outside.ftl"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    Files.createSymbolicLink(templates.resolve("configmap.yaml.ftl"), outside);

    SqledgeException e = assertThrows(SqledgeException.class, () -> rendered(templates));

    Problem problem = e.problems().get(0);
    assertEquals(SHOWN_AS + "/configmap.yaml.ftl", problem.origin().describe(), problem::render);
    assertTrue(!problem.render().contains(dir.toString()), "no absolute paths: " + problem.render());
    assertTrue(!problem.fix().isBlank(), problem::render);
  }

  @Test
  void aBrokenProjectTemplateNamesItsFileAndLine() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("configmap.yaml.ftl"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${nmae}\n");

    SqledgeException e = assertThrows(SqledgeException.class, () -> rendered(templates));

    Problem problem = e.problems().get(0);
    assertEquals(SHOWN_AS + "/configmap.yaml.ftl:4:11", problem.origin().describe());
    assertEquals("template error: `nmae` is missing: the data model has no such value",
        problem.message());
    assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
  }

  @Test
  void aProjectTemplateWithAnUnknownFieldIsRejectedByTheSchema() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("configmap.yaml.ftl"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  lables: {a: b}\n");

    SqledgeException e = assertThrows(SqledgeException.class, () -> rendered(templates));

    assertEquals(SHOWN_AS + "/configmap.yaml.ftl", e.problems().get(0).origin().describe());
    assertTrue(e.problems().get(0).message().contains("lables"), e::getMessage);
  }
}
