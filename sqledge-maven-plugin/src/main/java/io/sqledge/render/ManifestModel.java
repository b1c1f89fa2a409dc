package io.sqledge.render;

import io.sqledge.config.Engine;
import io.sqledge.config.ConfigValues;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.JdbcUrl;
import io.sqledge.config.ServiceDns;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data model the templates see: every configuration key at its path ({@code
 * ${storage.size}}), as the declarations in {@code io.sqledge.config} define them, with a few
 * values derived from them. It is documented in docs/output-and-templates.md, since user templates
 * read it too.
 */
public final class ManifestModel {

  /** The plugin's name, as Kubernetes' recommended {@code app.kubernetes.io/managed-by} label. */
  public static final String MANAGED_BY = "sqledge-maven-plugin";

  private ManifestModel() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(InstanceConfig config) {
    Map<String, Object> model = ConfigValues.of(config);
    model.put("selectorLabels", selectorLabels(config));
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels(config));
    labels.put("app.kubernetes.io/component", "database");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    model.put("labels", labels);
    ((Map<String, Object>) model.get("engine")).put("jobImage", config.engine().jobImage());
    ((Map<String, Object>) model.get("engine")).put("memoryLimitMb",
        config.memoryLimitMb().orElseThrow());
    Map<String, Object> probes = (Map<String, Object>) model.get("probes");
    ((Map<String, Object>) probes.get("liveness")).put("command",
        ListenerProbe.command(config.engine().tcpPort()));
    Map<String, Object> resources = (Map<String, Object>) model.get("resources");
    ((Map<String, Object>) resources.get("requests")).put("memory", config.memoryRequest());
    // Microsoft's images run on amd64 nodes only: on a cluster with arm64 nodes too, the pod must
    // never be scheduled onto one (its container would not start).
    Map<String, String> nodeSelector = new LinkedHashMap<>();
    if (Engine.of(config.engine().image()).amd64Only()) {
      nodeSelector.put(Engine.ARCH_LABEL, "amd64");
    }
    nodeSelector.putAll(config.pod().nodeSelector());
    ((Map<String, Object>) model.get("pod")).put("nodeSelector", nodeSelector);
    // The connection from inside the cluster: the Service's DNS name (short when no namespace is
    // written, which reaches it from its own namespace only).
    Map<String, Object> connection = (Map<String, Object>) model.get("connection");
    String host = ServiceDns.host(config.name(), config.namespace());
    connection.put("host", host);
    connection.put("port", String.valueOf(config.service().port()));
    connection.put("database", config.connectionDatabase());
    connection.put("jdbcUrl", JdbcUrl.of(config, host,
        Math.toIntExact(config.service().port())));
    Map<String, String> serviceAnnotations = new LinkedHashMap<>(config.annotations());
    serviceAnnotations.putAll(config.service().effectiveAnnotations());
    ((Map<String, Object>) model.get("service")).put("annotations", serviceAnnotations);
    model.put("failoverGuard", FailoverGuardModel.of(config));
    model.put("backups", BackupModel.of(config));
    model.put("accounts", AccountsModel.of(config));
    model.put("mssqlConf", TlsModel.of(config));
    model.put("certificate", CertificateModel.of(config));
    model.put("metricsExporter", MetricsModel.of(config));
    return model;
  }

  /** The labels that select the instance's pods: stable for the life of the instance. */
  static Map<String, String> selectorLabels(InstanceConfig config) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "mssql");
    labels.put("app.kubernetes.io/instance", config.name());
    return labels;
  }
}
