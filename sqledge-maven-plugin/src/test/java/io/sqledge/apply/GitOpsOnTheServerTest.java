package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.GenerateResult;
import io.sqledge.generate.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps engines' files on a real API server with the engines' CRDs (from Argo CD's and Flux's
 * released modules): the ApplicationSet and each site's Flux Kustomization are admitted with strict
 * field validation and stored as written; a field the CRD lacks is refused, so the check can fail.
 */
class GitOpsOnTheServerTest {

  private static final String FLEET = """
      apiVersion: sqledge/v1
      namespace: pos
      gitops:
        argocd: true
        flux: true
        repoURL: https://git.example.com/stores/deploy.git
        revision: main
        path: deploy/sqledge
        interval: 5m
      instances:
        - name: db
          cluster: {name: berlin, context: store-berlin}
        - name: db
          cluster: {name: hamburg, context: store-hh}
      """;

  @TempDir Path dir;

  private GenerateResult generate() throws Exception {
    ConfigSource source = TestConfigs.write(dir, FLEET);
    return Generator.bundled().generate(new GenerateRequest(Optional.of(source), Map.of(),
        dir.resolve("out")));
  }

  private static void namespace(KubernetesClient admin, String name) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).createOr(NonDeletingOperation::update);
  }

  /** Created as the engine's bootstrap would, with strict field validation. */
  private static GenericKubernetesResource create(KubernetesClient admin, Path file)
      throws Exception {
    GenericKubernetesResource object = admin.getKubernetesSerialization()
        .unmarshal(Files.readString(file), GenericKubernetesResource.class);
    return admin.resource(object).fieldValidation(Validation.STRICT).create();
  }

  @Test
  void theApplicationSetAndEachSitesKustomizationAreAdmittedAsWritten() throws Exception {
    KubernetesClient admin = RealCluster.shared().withGitOpsCrds().admin();
    namespace(admin, "argocd");
    namespace(admin, "flux-system");
    generate();
    Path gitops = dir.resolve("out/gitops");

    GenericKubernetesResource set = create(admin, gitops.resolve("applicationset.yaml"));
    GenericKubernetesResource stored = admin.genericKubernetesResources("argoproj.io/v1alpha1",
        "ApplicationSet").inNamespace("argocd").withName("sqledge").get();
    Map<String, Object> spec = stored.get("spec");
    assertEquals(set.getMetadata().getUid(), stored.getMetadata().getUid());
    assertEquals(List.of(Map.of("git", Map.of(
        "repoURL", "https://git.example.com/stores/deploy.git",
        "revision", "main",
        "directories", List.of(Map.of("path", "deploy/sqledge/*"),
            Map.of("path", "deploy/sqledge/gitops", "exclude", true))))), spec.get("generators"));
    Map<String, Object> template = stored.get("spec", "template", "spec");
    assertEquals(Map.of("name", "{{.path.basename}}"), template.get("destination"));
    assertEquals(Map.of("automated", Map.of("prune", false, "selfHeal", true),
        "syncOptions", List.of("ServerSideApply=true")), template.get("syncPolicy"));

    for (String site : List.of("berlin", "hamburg")) {
      create(admin, gitops.resolve("flux/" + site + ".yaml"));
      GenericKubernetesResource kustomization = admin.genericKubernetesResources(
          "kustomize.toolkit.fluxcd.io/v1", "Kustomization").inNamespace("flux-system")
          .withName("sqledge-" + site).get();
      assertEquals("./deploy/sqledge/" + site, kustomization.get("spec", "path"));
      assertEquals("5m", kustomization.get("spec", "interval"));
      assertEquals(false, kustomization.get("spec", "prune"));
      assertEquals(Map.of("kind", "GitRepository", "name", "flux-system"),
          kustomization.get("spec", "sourceRef"));
      // The directory it applies is the site's, which kustomize builds.
      assertTrue(RealCluster.kustomize(dir.resolve("out/" + site)).ok(), site);
    }

    // The same object with a field the CRD lacks is refused: the check above could fail.
    String misspelt = Files.readString(gitops.resolve("flux/berlin.yaml"))
        .replace("name: sqledge-berlin", "name: sqledge-misspelt").replace("  prune:", "  prun:");
    Path file = dir.resolve("misspelt.yaml");
    Files.writeString(file, misspelt);
    KubernetesClientException refused = assertThrows(KubernetesClientException.class,
        () -> create(admin, file));
    assertTrue(refused.getMessage().contains("prun"), refused::getMessage);
  }
}
