package io.sqledge.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.RenderedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestVerifierTest {

  private static Problem onlyProblem(String template, String yaml) {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> ManifestVerifier.verify(List.of(new RenderedDocument(template, yaml))));
    assertEquals(1, e.problems().size(), e::getMessage);
    return e.problems().get(0);
  }

  @Test
  void unknownFieldIsReportedWithTemplateAndPath() {
    Problem problem = onlyProblem("templates/deployment.yaml.ftl", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: db
        spec:
          selector:
            matchLabels: {app: db}
          template:
            metadata:
              labels: {app: db}
            spec:
              containers:
                - name: mssql
                  image: mcr.microsoft.com/mssql/server:2022-latest
                  imagePullPolcy: Always
        """);

    assertEquals("templates/deployment.yaml.ftl", problem.origin().file());
    assertEquals("spec.template.spec.containers[0].imagePullPolcy", problem.path());
    assertEquals("`spec.template.spec.containers[0].imagePullPolcy`: unknown field"
        + " `imagePullPolcy` in a Container", problem.message());
    assertEquals("did you mean `imagePullPolicy`?", problem.fix());
  }

  /** Another operator's kind is held to its CRD's schema, enums with spaces included. */
  @Test
  void aCertificateIsHeldToCertManagersSchema() {
    String certificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: db
        spec:
          secretName: db-tls
          issuerRef: {name: shop-ca}
          dnsNames: [db.shop.svc]
          usages: [server auth, key encipherment]
        """;
    Problem misspelt = onlyProblem("templates/certificate.yaml.ftl",
        certificate.replace("dnsNames", "dnsName"));
    assertEquals("spec.dnsName", misspelt.path());
    assertEquals("did you mean `dnsNames`?", misspelt.fix());
    assertEquals("spec.usages[1]", onlyProblem("templates/certificate.yaml.ftl",
        certificate.replace("key encipherment", "key-encipherment")).path());
    assertEquals(1, assertDoesNotThrow(() -> ManifestVerifier.verify(List.of(
        new RenderedDocument("templates/certificate.yaml.ftl", certificate)))).manifests().size());
  }

  @Test
  void wrongTypeIsReportedWithPath() {
    Problem problem = onlyProblem("templates/service.yaml.ftl", """
        apiVersion: v1
        kind: Service
        metadata:
          name: db
        spec:
          ports:
            - port: "1433"
        """);

    assertEquals("spec.ports[0].port", problem.path());
  }

  @Test
  void integersAreAcceptedWhereKubernetesTakesIntOrString() throws Exception {
    ManifestSet set = ManifestVerifier.verify(List.of(new RenderedDocument(
        "templates/service.yaml.ftl", """
            apiVersion: v1
            kind: Service
            metadata:
              name: db
            spec:
              ports:
                - port: 1433
                  targetPort: 1433
            """)));

    assertEquals(1, set.manifests().size());
  }

  @Test
  void invalidYamlNamesTheOutputLine() {
    Problem problem = onlyProblem("templates/service.yaml.ftl",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n   labels: x\n");

    assertTrue(problem.message().startsWith("the template produced invalid YAML at line 5"),
        problem::render);
  }

  @Test
  void twoDocumentsFromOneTemplateAreRefused() {
    Problem problem = onlyProblem("templates/service.yaml.ftl", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        """);

    assertTrue(problem.message().contains("2 YAML documents"), problem::render);
  }

  @Test
  void unknownKindIsRefused() {
    Problem problem = onlyProblem("templates/x.yaml.ftl",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: a\n");

    assertTrue(problem.message().contains("not a Kubernetes kind"), problem::render);
  }

  @Test
  void aKindOnlyFabric8sModelKnowsIsCheckedByItsTypedParse() throws Exception {
    ManifestSet set = ManifestVerifier.verify(List.of(new RenderedDocument("x.yaml.ftl", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: backups.example.com
        spec:
          group: example.com
          names: {kind: Backup, plural: backups}
          scope: Namespaced
          versions: [{name: v1, served: true, storage: true}]
        """)));

    Manifest crd = set.manifests().get(0);
    assertEquals("CustomResourceDefinition/backups.example.com", crd.describe());
    assertFalse(crd.namespaced());
    assertEquals("example.com", ((io.fabric8.kubernetes.api.model.apiextensions.v1
        .CustomResourceDefinition) crd.resource()).getSpec().getGroup());
  }

  @Test
  void duplicateResourcesAreRefused() {
    String map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
    SqledgeException e = assertThrows(SqledgeException.class, () -> ManifestVerifier.verify(
        List.of(new RenderedDocument("a.yaml.ftl", map), new RenderedDocument("b.yaml.ftl", map))));

    assertTrue(e.problems().get(0).message().contains("a second ConfigMap/a"), e::getMessage);
  }
}
