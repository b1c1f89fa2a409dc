package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database with a certificate of its own on the simulated cluster (real controllers and
 * scheduler, KWOK nodes): apply waits it to ready, with the init container that copies mssql.conf
 * and the Secret mounted. What SQL Server does with the file is not executed here (docs/tls.md).
 */
class TlsOnTheClusterTest {

  @Test
  void applyBringsADatabaseWithItsCertificateToReady() throws Exception {
    SimulatedCluster cluster = SimulatedCluster.shared();
    KubernetesClient admin = cluster.admin();
    SimulatedDatabases on = new SimulatedDatabases(cluster);
    cluster.addNodes("tls", 1);
    String ns = cluster.newNamespace("tls");
    admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("db-tls").endMetadata().withType("kubernetes.io/tls").withData(Map.of(
            "tls.crt", base64("-----BEGIN CERTIFICATE-----"),
            "tls.key", base64("-----BEGIN PRIVATE KEY-----"))).build()).create();
    ApplyFixtures.createSecret(admin, ns);
    Instance instance = ApplyFixtures.instance(SimulatedDatabases.settings(ns, "tls",
        "Deployment", 30, "tls:\n  secretName: db-tls\n"));

    ApplyReport report = on.apply(instance, ns, new RecordingLog());
    cluster.awaitSettled(ns);

    assertTrue(report.endpoint().isPresent(), "apply waited for the database to be ready");
    Pod pod = on.runningPod(ns);
    assertTrue(SimulatedDatabases.ready(pod));
    assertEquals("mssql-conf", pod.getSpec().getInitContainers().get(0).getName());
    assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getSecret() != null
        && v.getSecret().getSecretName().equals("db-tls")));
    assertEquals(64, pod.getMetadata().getAnnotations().get("sqledge.io/mssql-conf-checksum")
        .length());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
