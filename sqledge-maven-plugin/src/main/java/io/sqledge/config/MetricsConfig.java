package io.sqledge.config;

/**
 * SQL Server's metrics for Prometheus: an exporter beside SQL Server in the database's pod, its
 * queries in a ConfigMap, a Service for the metrics port only, and a ServiceMonitor for the
 * Prometheus operator. See docs/monitoring.md.
 */
public record MetricsConfig(
    @Key(value = "false", doc = "Run the exporter beside SQL Server. See"
        + " [Monitoring](monitoring.md).")
    boolean enabled,
    @Key(value = "docker.io/burningalchemist/sql_exporter:0.24.6", doc = "The exporter's image:"
        + " sql_exporter, a maintained exporter that runs the queries of its collector files"
        + " (the plugin's are in the ConfigMap `<name>-metrics`). Pinned to a release; a digest"
        + " pins it outright.")
    String image,
    @Key(value = "9399", min = 1024, max = 65535, doc = "The port named `metrics` the exporter"
        + " listens on, in the pod and on the Service `<name>-metrics` (never on the database's"
        + " load balancer).")
    long port,
    @Key(value = "", doc = "A Secret with the `username` and `password` of the login the"
        + " exporter connects as: a login of its own with `VIEW SERVER STATE` (and read access"
        + " to msdb's backup history). Empty: SA, with a warning.")
    String credentialSecret,
    @Key(value = "false", doc = "Add a `monitoring.coreos.com/v1` ServiceMonitor `<name>` for"
        + " the Prometheus operator. The cluster must serve that kind: `apply` checks.")
    boolean serviceMonitor,
    @Key(value = "30s", doc = "How often Prometheus scrapes, as the ServiceMonitor's"
        + " `interval` (a Prometheus duration such as `30s` or `1m`).")
    String interval,
    @Key(value = "[]", doc = "Who may reach the metrics port when `network.policy` is on, as"
        + " NetworkPolicy peers. Empty: pods of every namespace (Prometheus runs in its own),"
        + " never addresses outside the cluster.")
    Object allowFrom) {}
