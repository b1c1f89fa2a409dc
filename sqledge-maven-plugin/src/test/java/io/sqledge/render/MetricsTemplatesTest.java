package io.sqledge.render;

import static io.sqledge.TestManifests.all;
import static io.sqledge.TestManifests.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.sqledge.TestManifests;
import io.sqledge.sql.MetricQueries;
import io.sqledge.verify.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The metrics output, read back as typed Kubernetes objects: the exporter beside SQL Server with
 * its login from Secrets and no readiness probe of its own, its files, a cluster-internal Service
 * for the metrics port alone, the ServiceMonitor, and the NetworkPolicy's rule for the scraper.
 */
class MetricsTemplatesTest {

  static final String WITH_METRICS = """
      name: db
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      metrics:
        enabled: true
        serviceMonitor: true
        credentialSecret: db-metrics
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return TestManifests.render(dir, yaml);
  }

  private static Container exporter(List<Manifest> manifests) {
    return first(manifests, Deployment.class).getSpec().getTemplate().getSpec().getContainers()
        .stream().filter(c -> c.getName().equals("metrics")).findFirst().orElseThrow();
  }

  @Test
  void withoutMetricsNothingIsAdded() throws Exception {
    List<Manifest> manifests = render("name: db\n");
    assertEquals(1, first(manifests, Deployment.class).getSpec().getTemplate().getSpec()
        .getContainers().size());
    assertEquals(List.of("db"), all(manifests, Service.class).stream()
        .map(s -> s.getMetadata().getName()).toList());
    assertEquals(1, first(manifests, NetworkPolicy.class).getSpec().getIngress().size());
  }

  @Test
  void theExporterRunsBesideSqlServerWithItsLoginFromASecret() throws Exception {
    List<Manifest> manifests = render(WITH_METRICS);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "ConfigMap",
        "Deployment", "Service", "Service", "ServiceMonitor", "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList(), "its files before the pod");
    Container exporter = exporter(manifests);
    assertEquals("docker.io/burningalchemist/sql_exporter:0.24.6", exporter.getImage());
    assertEquals(List.of("/bin/sh", "/etc/sqledge/metrics/metrics-exporter.sh"),
        exporter.getCommand());
    assertEquals(9399, exporter.getPorts().get(0).getContainerPort());
    assertEquals("metrics", exporter.getPorts().get(0).getName());
    assertTrue(exporter.getSecurityContext().getReadOnlyRootFilesystem());
    assertFalse(exporter.getSecurityContext().getAllowPrivilegeEscalation());
    assertNull(exporter.getReadinessProbe(), "a slow scrape never takes SQL Server out");
    assertEquals("/healthz", exporter.getLivenessProbe().getHttpGet().getPath());
    assertEquals(Map.of("cpu", "200m", "memory", "128Mi", "ephemeral-storage", "64Mi"),
        exporter.getResources().getLimits().entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey, e -> e.getValue().toString())));
    Map<String, EnvVar> env = exporter.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertEquals("1433", env.get("SQLEDGE_SQL_PORT").getValue());
    assertEquals("9399", env.get("SQLEDGE_METRICS_PORT").getValue());
    assertEquals("db-metrics", env.get("SQLEDGE_METRICS_USER").getValueFrom().getSecretKeyRef()
        .getName());
    assertEquals("username", env.get("SQLEDGE_METRICS_USER").getValueFrom().getSecretKeyRef()
        .getKey());
    assertEquals("password", env.get("SQLEDGE_METRICS_PASSWORD").getValueFrom()
        .getSecretKeyRef().getKey());
    PodSpec pod = first(manifests, Deployment.class).getSpec().getTemplate().getSpec();
    assertEquals("db-metrics", pod.getVolumes().stream().filter(v -> v.getName()
        .equals("metrics")).findFirst().orElseThrow().getConfigMap().getName());
    assertEquals(List.of("mssql"), pod.getContainers().get(0).getPorts().stream()
        .map(p -> p.getName()).toList(), "SQL Server's container keeps its one port");
  }

  @Test
  void withoutALoginOfItsOwnTheExporterUsesSasSecret() throws Exception {
    Container exporter = exporter(render(WITH_METRICS.replace(
        "  credentialSecret: db-metrics\n", "")));
    Map<String, EnvVar> env = exporter.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertEquals("sa", env.get("SQLEDGE_METRICS_USER").getValue());
    assertEquals("mssql", env.get("SQLEDGE_METRICS_PASSWORD").getValueFrom().getSecretKeyRef()
        .getName());
    assertEquals("MSSQL_SA_PASSWORD", env.get("SQLEDGE_METRICS_PASSWORD").getValueFrom()
        .getSecretKeyRef().getKey());
  }

  /** The metrics port is on a ClusterIP Service of its own, never on the load balancer. */
  @Test
  void theMetricsPortIsNeverOnTheLoadBalancer() throws Exception {
    List<Manifest> manifests = render(WITH_METRICS);
    Service database = all(manifests, Service.class).get(0);
    Service metrics = all(manifests, Service.class).get(1);
    assertEquals("LoadBalancer", database.getSpec().getType());
    assertEquals(List.of("mssql"), database.getSpec().getPorts().stream()
        .map(p -> p.getName()).toList());
    assertEquals("db-metrics", metrics.getMetadata().getName());
    assertEquals("ClusterIP", metrics.getSpec().getType());
    assertEquals(List.of(9399), metrics.getSpec().getPorts().stream().map(p -> p.getPort())
        .toList());
    assertEquals(database.getSpec().getSelector(), metrics.getSpec().getSelector());

    GenericKubernetesResource monitor = first(manifests, GenericKubernetesResource.class);
    assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
    Map<String, Object> spec = monitor.get("spec");
    @SuppressWarnings("unchecked")
    Map<String, String> selected = (Map<String, String>) ((Map<String, Object>) spec
        .get("selector")).get("matchLabels");
    assertTrue(metrics.getMetadata().getLabels().entrySet().containsAll(selected.entrySet()),
        "it selects the metrics Service");
    assertFalse(database.getMetadata().getLabels().entrySet().containsAll(selected.entrySet()),
        "and not the database's");
    assertEquals(List.of(Map.of("port", "metrics", "path", "/metrics", "interval", "30s",
        "scrapeTimeout", "10s")), spec.get("endpoints"));
  }

  @Test
  void theNetworkPolicyLetsTheScraperReachTheMetricsPortOnly() throws Exception {
    List<NetworkPolicyIngressRule> rules = first(render(WITH_METRICS), NetworkPolicy.class)
        .getSpec().getIngress();
    assertEquals(2, rules.size());
    assertEquals(1433, rules.get(0).getPorts().get(0).getPort().getIntVal());
    assertEquals(9399, rules.get(1).getPorts().get(0).getPort().getIntVal());
    assertEquals(1, rules.get(1).getFrom().size());
    assertTrue(rules.get(1).getFrom().get(0).getNamespaceSelector() != null
        && rules.get(1).getFrom().get(0).getIpBlock() == null, "pods of any namespace");

    List<NetworkPolicyIngressRule> narrowed = first(render(WITH_METRICS + "  allowFrom:\n"
        + "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}\n"),
        NetworkPolicy.class).getSpec().getIngress();
    assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), narrowed.get(1).getFrom()
        .get(0).getNamespaceSelector().getMatchLabels());
  }

  /**
   * The exporter's configuration names its one target without a login, and the collector holds
   * each of the plugin's queries as sql_exporter defines a metric.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theExportersFilesHoldNoLoginAndEveryQuery() throws Exception {
    ConfigMap files = all(render(WITH_METRICS), ConfigMap.class).get(0);
    assertEquals(List.of("sql_exporter.yml", "sqledge.collector.yml", "metrics-exporter.sh"),
        List.copyOf(files.getData().keySet()));
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> config = yaml.load(files.getData().get("sql_exporter.yml"));
    assertEquals(List.of("global", "target", "collector_files"), List.copyOf(config.keySet()));
    Map<String, Object> target = (Map<String, Object>) config.get("target");
    assertEquals("sqlserver://127.0.0.1:1433", target.get("data_source_name"), "no login");
    assertEquals(List.of("sqledge"), target.get("collectors"));
    assertEquals(List.of("*.collector.yml"), config.get("collector_files"));

    Map<String, Object> collector = yaml.load(files.getData().get("sqledge.collector.yml"));
    assertEquals("sqledge", collector.get("collector_name"));
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) collector.get("metrics");
    assertEquals(MetricQueries.ALL.size(), metrics.size());
    for (int i = 0; i < metrics.size(); i++) {
      MetricQueries.Metric metric = MetricQueries.ALL.get(i);
      assertEquals(metric.name(), metrics.get(i).get("metric_name"));
      assertEquals(metric.query(), metrics.get(i).get("query"));
      assertEquals(metric.values(), metrics.get(i).get("values"));
      assertEquals(metric.keyLabels().isEmpty() ? null : metric.keyLabels(),
          metrics.get(i).get("key_labels"));
    }
    assertEquals(BundledResource.text(MetricsModel.SCRIPT_RESOURCE),
        files.getData().get("metrics-exporter.sh"));
  }
}
