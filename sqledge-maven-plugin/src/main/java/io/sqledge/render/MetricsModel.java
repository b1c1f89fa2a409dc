package io.sqledge.render;

import io.sqledge.config.InstanceConfig;
import io.sqledge.config.MetricsConfig;
import io.sqledge.config.SecretKeyRef;
import io.sqledge.sql.MetricQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the metrics templates see as {@code metricsExporter} (beside the configuration's {@code
 * metrics}): the exporter's files (its configuration, the collector of {@link MetricQueries}, its
 * start script {@code templates/metrics-exporter.sh}), the login it connects as, and the names and
 * labels of its ConfigMap, Service and ServiceMonitor. See docs/monitoring.md.
 *
 * <p>The files follow sql_exporter's documented format ({@code documentation/sql_exporter.yml} of
 * its repository): a {@code global} section, one {@code target} with its collectors, and collector
 * files beside the configuration.
 */
final class MetricsModel {

  /** The collector's name in the exporter's configuration. */
  static final String COLLECTOR = "sqledge";

  /** Where the exporter's container mounts the ConfigMap. */
  static final String DIRECTORY = "/etc/sqledge/metrics";

  static final String SCRIPT_RESOURCE = BundledTemplates.CLASS_PATH_ROOT + "/metrics-exporter.sh";

  private static final String SCRIPT = BundledResource.text(SCRIPT_RESOURCE);

  /** The collector file is the same for every instance: made once. */
  private static final String COLLECTOR_FILE = collector();

  private MetricsModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    MetricsConfig metrics = config.metrics();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("enabled", metrics.enabled());
    model.put("serviceMonitor", metrics.enabled() && metrics.serviceMonitor());
    if (!metrics.enabled()) {
      return model;
    }
    String name = config.name() + "-metrics";
    model.put("name", name);
    Map<String, String> selectorLabels = new LinkedHashMap<>();
    selectorLabels.put("app.kubernetes.io/instance", config.name());
    selectorLabels.put("app.kubernetes.io/component", "metrics");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "mssql");
    labels.putAll(selectorLabels);
    labels.put("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    model.put("labels", labels);
    model.put("selectorLabels", selectorLabels);
    model.put("directory", DIRECTORY);
    model.put("command", DIRECTORY + "/metrics-exporter.sh");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("sql_exporter.yml", exporterConfig(config));
    files.put(COLLECTOR + ".collector.yml", COLLECTOR_FILE);
    files.put("metrics-exporter.sh", SCRIPT);
    model.put("files", files);
    // A login of its own (username and password keys of one Secret), else SA's password Secret.
    boolean own = !metrics.credentialSecret().isEmpty();
    SecretKeyRef sa = config.engine().saPassword();
    model.put("user", own ? Map.of("secretName", metrics.credentialSecret(), "key", "username")
        : Map.of("value", "sa"));
    model.put("password", own ? Map.of("secretName", metrics.credentialSecret(), "key",
        "password") : Map.of("secretName", sa.secretName(), "key", sa.secretKey()));
    return model;
  }

  /**
   * The exporter's configuration: the instance as its one target, reached on the pod's loopback
   * address, without a login (the start script puts the login into the environment's data source
   * name, which overrides this one); at most two connections, so that a scrape never weighs on
   * the server.
   */
  static String exporterConfig(InstanceConfig config) {
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_timeout", "10s");
    global.put("scrape_timeout_offset", "500ms");
    global.put("min_interval", "0s");
    global.put("max_connections", 2);
    global.put("max_idle_connections", 2);
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", config.name());
    target.put("data_source_name", "sqlserver://127.0.0.1:" + config.engine().tcpPort());
    target.put("collectors", List.of(COLLECTOR));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("global", global);
    root.put("target", target);
    root.put("collector_files", List.of("*.collector.yml"));
    return yaml().dump(root);
  }

  /** The collector file: each of {@link MetricQueries#ALL}, as sql_exporter defines a metric. */
  static String collector() {
    List<Map<String, Object>> metrics = MetricQueries.ALL.stream().map(metric -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metric_name", metric.name());
      entry.put("type", metric.kind().name().toLowerCase(Locale.ROOT));
      entry.put("help", metric.help());
      if (!metric.keyLabels().isEmpty()) {
        entry.put("key_labels", metric.keyLabels());
      }
      if (!metric.valueLabel().isEmpty()) {
        entry.put("value_label", metric.valueLabel());
      }
      entry.put("values", metric.values());
      entry.put("query", metric.query());
      return entry;
    }).toList();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("collector_name", COLLECTOR);
    root.put("metrics", metrics);
    return yaml().dump(root);
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(100);
    return new Yaml(options);
  }
}
