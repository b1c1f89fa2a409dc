package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.TestConfigs;
import io.sqledge.apply.RealCluster;
import io.sqledge.verify.ManifestVerifier;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated pod template meets the Pod Security Standards' "restricted" profile, as a real
 * API server's PodSecurity admission judges it; weakened copies are rejected, so the test can fail.
 */
class PodSecurityTest {

  private static RealCluster cluster;
  private static KubernetesClient admin;
  private static String namespace;
  private static PodSpec generated;

  @BeforeAll
  static void restrictedNamespace() throws Exception {
    cluster = RealCluster.shared();
    admin = cluster.admin();
    namespace = "restricted-" + System.nanoTime() % 100000;
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
        .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
        .endMetadata().build()).create();
    Deployment deployment = (Deployment) ManifestVerifier.verify(
        ManifestRenderer.bundled().render(TestConfigs.defaults())).manifests().get(3).resource();
    generated = deployment.getSpec().getTemplate().getSpec();
  }

  private static Pod pod(String name, Consumer<PodSpec> change) {
    PodSpec spec = admin.getKubernetesSerialization().clone(generated);
    change.accept(spec);
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .endMetadata().withSpec(spec).build();
  }

  private static String rejection(Pod pod) {
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> admin.pods().inNamespace(namespace).resource(pod).create());
    assertEquals(403, e.getCode(), e::getMessage);
    return e.getStatus().getMessage();
  }

  @Test
  void theGeneratedPodIsAdmitted() {
    Pod created = admin.pods().inNamespace(namespace).resource(pod("as-generated", spec -> {}))
        .create();
    assertNotNull(created.getMetadata().getUid());
  }

  @Test
  void aPodThatMayEscalatePrivilegesIsRejected() {
    String message = rejection(pod("escalating", spec ->
        spec.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true)));
    assertTrue(message.contains("allowPrivilegeEscalation != false"), message);
  }

  @Test
  void aPodWithoutSeccompIsRejected() {
    String message = rejection(pod("unconfined", spec -> spec.getSecurityContext()
        .setSeccompProfile(null)));
    assertTrue(message.contains("seccompProfile"), message);
  }

  @Test
  void aPodThatKeepsItsCapabilitiesIsRejected() {
    String message = rejection(pod("capable", spec ->
        spec.getContainers().get(0).getSecurityContext().setCapabilities(null)));
    assertTrue(message.contains("unrestricted capabilities"), message);
  }
}
