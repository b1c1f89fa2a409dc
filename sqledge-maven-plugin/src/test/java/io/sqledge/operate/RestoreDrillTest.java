package io.sqledge.operate;

import static io.sqledge.TestManifests.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill's copy as the build makes it: the instance's configuration with the copy's overrides,
 * checked as any, then shaped. The copy on a cluster is {@code BackupJobsTest}'s.
 */
class RestoreDrillTest {

  private static final String TO_A_CONTAINER = """
      apiVersion: sqledge/v1
      name: shop
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      service:
        loadBalancerSourceRanges: [10.20.0.0/16]
        loadBalancerIP: 10.20.0.5
      ha:
        workload: StatefulSet
        automaticFailover: guard
      network:
        allowFrom:
          - podSelector: {matchLabels: {app: shop-api}}
      backup:
        full: "0 0 * * 0"
        url: https://shop.blob.core.windows.net/backups
      """;

  @TempDir Path dir;

  private Generator.Rendered render(String yaml, Map<String, String> overrides)
      throws SqledgeException {
    return Generator.bundled().render(new GenerateRequest(Optional.of(TestConfigs.write(dir,
        yaml)), overrides, dir.resolve("out")));
  }

  @Test
  void aCopyOfAnInstanceThatBacksUpToAContainerRunsAnywhereAndOnlyReads() throws Exception {
    Generator.Rendered original = render(TO_A_CONTAINER, Map.of());
    Generator.Rendered copy = render(TO_A_CONTAINER,
        RestoreDrill.copyOverrides(original.config(), "shop-drill"));

    ManifestSet shaped = RestoreDrill.shape(copy.manifests(), original.manifests(),
        Optional.empty());

    assertEquals(List.of("NetworkPolicy/shop-drill", "StatefulSet/shop-drill",
            "Service/shop-drill-headless", "Service/shop-drill"),
        shaped.manifests().stream().map(Manifest::describe).toList(),
        "no StorageClass, no backup scripts or CronJobs, no failover guard");
    var service = (io.fabric8.kubernetes.api.model.Service) shaped.manifests().get(3).resource();
    assertEquals("ClusterIP", service.getSpec().getType());
    assertNull(service.getSpec().getLoadBalancerIP());
    PodSpec pod = ((StatefulSet) shaped.manifests().get(1).resource()).getSpec().getTemplate()
        .getSpec();
    assertNull(pod.getAffinity(), "nothing to be near: the backups are in the container");
    NetworkPolicy policy = (NetworkPolicy) shaped.manifests().get(0).resource();
    assertTrue(policy.getSpec().getIngress().get(0).getFrom().stream().anyMatch(peer ->
        peer.getPodSelector() != null && Map.of("app.kubernetes.io/name", "sqledge-backup",
            "app.kubernetes.io/instance", "shop").entrySet().stream().allMatch(label ->
            label.getValue().equals(peer.getPodSelector().getMatchLabels().get(label.getKey())))),
        "the drill's job carries the instance's backup labels");
  }

  /** The drill's copy of {@code original}, rendered from the same configuration. */
  private Generator.Rendered copyOf(Generator.Rendered original, String yaml) throws Exception {
    return render(yaml, RestoreDrill.copyOverrides(original.config(), "shop-drill"));
  }

  /** Nobody watches a drill's copy: no exporter, no Service for it, nothing for Prometheus. */
  @Test
  void aCopyOfAMonitoredInstanceHasNoExporter() throws Exception {
    String monitored = TO_A_CONTAINER + "metrics:\n  enabled: true\n  serviceMonitor: true\n"
        + "  credentialSecret: shop-metrics\n";
    Generator.Rendered original = render(monitored, Map.of());
    Generator.Rendered copy = copyOf(original, monitored);
    assertTrue(original.manifests().manifests().stream().anyMatch(m -> m.kind()
        .equals("ServiceMonitor")));
    assertTrue(copy.manifests().manifests().stream().noneMatch(m -> m.kind()
        .equals("ServiceMonitor") || m.name().endsWith("-metrics")), copy.manifests()::toString);
    PodSpec pod = first(copy.manifests().manifests(), StatefulSet.class).getSpec().getTemplate()
        .getSpec();
    assertEquals(List.of("mssql"), pod.getContainers().stream().map(c -> c.getName()).toList());
  }

  /**
   * A copy of an instance whose certificate cert-manager issues has no Certificate of its own: it
   * would leave a Secret behind, or overwrite the original's. It mounts the original's Secret.
   */
  @Test
  void aCopyMountsTheOriginalsCertificateAndAsksCertManagerForNone() throws Exception {
    String certified = TO_A_CONTAINER + "tls:\n  secretName: shop-certificate\n"
        + "  certManager:\n    issuerRef: {name: shop-ca}\n";
    Generator.Rendered original = render(certified, Map.of());
    Generator.Rendered copy = copyOf(original, certified);
    assertTrue(original.manifests().manifests().stream().anyMatch(m -> m.kind()
        .equals("Certificate")));
    assertTrue(copy.manifests().manifests().stream().noneMatch(m -> m.kind()
        .equals("Certificate")), copy.manifests()::toString);
    PodSpec pod = first(copy.manifests().manifests(), StatefulSet.class).getSpec().getTemplate()
        .getSpec();
    assertEquals("shop-certificate", pod.getVolumes().stream().filter(v -> v.getName()
        .equals("tls")).findFirst().orElseThrow().getSecret().getSecretName());
  }

  /** The original under the production gate: its copy, which has no guard, is not. */
  @Test
  void aCopyOfAProductionInstanceIsNoProductionInstance() throws Exception {
    String production = TO_A_CONTAINER + "production: true\nproductionAccepts: [edition, tls,"
        + " requests]\n";
    Generator.Rendered original = render(production, Map.of());
    Generator.Rendered copy = render(production,
        RestoreDrill.copyOverrides(original.config(), "shop-drill"));
    assertEquals("none", copy.config().ha().automaticFailover());
  }

  @Test
  void aCopyIsCheckedAsAnyInstance() {
    String longName = "a-copy-whose-name-is-far-too-long";
    SqledgeException e = assertThrows(SqledgeException.class, () -> render(TO_A_CONTAINER,
        RestoreDrill.copyOverrides(render(TO_A_CONTAINER, Map.of()).config(), longName)));
    assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("name")),
        e.problems().toString());
  }
}
