package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the options add to the database's pod, on the simulated cluster (real controllers and
 * scheduler, KWOK nodes): with a certificate of its own, the init container that copies
 * mssql.conf and the Secret mounted; with metrics, the exporter beside SQL Server. Apply waits
 * each to ready. What SQL Server and the exporter do inside is not executed here (docs/tls.md,
 * docs/monitoring.md).
 */
class PodAdditionsOnTheClusterTest {

  private final SimulatedCluster cluster = SimulatedCluster.shared();
  private final KubernetesClient admin = cluster.admin();

  /**
   * Applies an instance with {@code settings} in a new namespace with its own node, after the
   * Secret it needs; waits for the controllers, and gives back the running pod, ready.
   */
  private Pod applyReady(String prefix, String settings, Secret needed) throws Exception {
    SimulatedDatabases on = new SimulatedDatabases(cluster);
    cluster.addNodes(prefix, 1);
    String ns = cluster.newNamespace(prefix);
    admin.secrets().inNamespace(ns).resource(needed).create();
    ApplyFixtures.createSecret(admin, ns);
    Instance instance = ApplyFixtures.instance(SimulatedDatabases.settings(ns, prefix,
        "Deployment", 30, settings));

    ApplyReport report = on.apply(instance, ns, new RecordingLog());
    cluster.awaitSettled(ns);

    assertTrue(report.endpoint().isPresent(), "apply waited for the database to be ready");
    Pod pod = on.runningPod(ns);
    assertTrue(SimulatedDatabases.ready(pod));
    return pod;
  }

  @Test
  void applyBringsADatabaseWithItsCertificateToReady() throws Exception {
    Pod pod = applyReady("tls", "tls:\n  secretName: db-tls\n", new SecretBuilder()
        .withNewMetadata().withName("db-tls").endMetadata().withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", base64("-----BEGIN CERTIFICATE-----"),
            "tls.key", base64("-----BEGIN PRIVATE KEY-----"))).build());

    assertEquals("mssql-conf", pod.getSpec().getInitContainers().get(0).getName());
    assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getSecret() != null
        && v.getSecret().getSecretName().equals("db-tls")));
    assertEquals(64, pod.getMetadata().getAnnotations().get("sqledge.io/mssql-conf-checksum")
        .length());
  }

  @Test
  void applyBringsADatabaseWithItsExporterToReady() throws Exception {
    Pod pod = applyReady("metrics", "metrics:\n  enabled: true\n  credentialSecret: db-metrics\n",
        new SecretBuilder().withNewMetadata().withName("db-metrics").endMetadata()
            .withStringData(Map.of("username", "sqledge_metrics", "password", "Not-Shown-1"))
            .build());

    assertEquals(List.of("mssql", "metrics"), pod.getSpec().getContainers().stream()
        .map(c -> c.getName()).toList());
    assertEquals(2, pod.getStatus().getContainerStatuses().size());
    String ns = pod.getMetadata().getNamespace();
    // The EndpointSlice controller follows the pod's readiness in its own time: waited for.
    cluster.await(Duration.ofSeconds(60), "the metrics Service to reach the pod", () -> admin
        .discovery().v1().endpointSlices().inNamespace(ns)
        .withLabel("kubernetes.io/service-name", "db-metrics").list().getItems().stream()
        .anyMatch(slice -> slice.getEndpoints() != null && !slice.getEndpoints().isEmpty()));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
