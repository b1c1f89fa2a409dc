package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
import io.sqledge.config.MetricsConfig;
import io.sqledge.diagnostic.Problem;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of {@code metrics.*}, each located in the file. See docs/monitoring.md. */
final class MetricsRules {

  /**
   * A Prometheus duration, as the ServiceMonitor's CRD takes an endpoint's {@code interval}
   * ({@code 30s}, {@code 1m30s}; not {@code 0}, which would mean Prometheus' default).
   */
  private static final Pattern DURATION = Pattern.compile(
      "(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?");

  /** The metrics Service's name after the instance's. */
  private static final String SERVICE_SUFFIX = "-metrics";

  private MetricsRules() {}

  static void check(InstanceConfig config, Rules rules) {
    MetricsConfig metrics = config.metrics();
    if (!metrics.enabled()) {
      if (metrics.serviceMonitor()) {
        rules.error("metrics.serviceMonitor", "`metrics.serviceMonitor` is true, but"
            + " `metrics.enabled` is not: there is no exporter to scrape",
            "set `metrics.enabled: true`, or leave `metrics.serviceMonitor` out");
      }
      boolean peers = metrics.allowFrom() instanceof List<?> listed && !listed.isEmpty();
      if (!metrics.credentialSecret().isEmpty() || peers) {
        String key = metrics.credentialSecret().isEmpty() ? "metrics.allowFrom"
            : "metrics.credentialSecret";
        rules.warning(key, "`" + key + "` is set, but `metrics.enabled` is not: there is no"
            + " exporter", "set `metrics.enabled: true`, or leave `" + key + "` out");
      }
      return;
    }
    if (metrics.image().isBlank() || metrics.image().chars().anyMatch(Character::isWhitespace)) {
      rules.error("metrics.image", "`metrics.image` must name an image",
          "leave it out for the default, or write `registry/repository:tag`");
    } else {
      ImageReference.check(rules, "metrics.image", metrics.image(), "the exporter");
    }
    if (metrics.port() == config.engine().tcpPort()) {
      rules.error(List.of("metrics.port", "engine.tcpPort"), "the metrics port "
          + metrics.port() + " is SQL Server's own", "give `metrics.port` another port, such as"
          + " 9399");
    }
    if (metrics.credentialSecret().isEmpty()) {
      rules.warning(List.of("metrics.credentialSecret", "metrics.enabled"), "the exporter"
              + " connects as SA, the server's administrator, for queries that need only to read"
              + " the server's state", "create a login with `VIEW SERVER STATE` and `VIEW ANY"
              + " DEFINITION` (and `SELECT` on msdb's `dbo.backupset`), put its `username` and"
              + " `password` in a Secret and name it in `metrics.credentialSecret`");
    } else {
      rules.name("metrics.credentialSecret", metrics.credentialSecret(),
          KubernetesNames::dns1123Subdomain, "it names a Secret");
    }
    if (!DURATION.matcher(metrics.interval()).matches()
        || metrics.interval().chars().noneMatch(Character::isDigit)
        || metrics.interval().chars().filter(Character::isDigit).allMatch(c -> c == '0')) {
      rules.error("metrics.interval", "`metrics.interval` is `" + metrics.interval()
          + "`, which is not a Prometheus duration", "write it like `30s` or `1m`");
    }
    boolean listed = metrics.allowFrom() instanceof List<?> peers && !peers.isEmpty();
    if (listed && !config.network().policy()) {
      rules.error("metrics.allowFrom", "`metrics.allowFrom` names peers, but `network.policy`"
          + " is false, so no NetworkPolicy admits them or refuses anyone else",
          "remove `network.policy: false`, or remove `metrics.allowFrom`");
    }
    PodRules.checkPeers(rules, "metrics.allowFrom", metrics.allowFrom());
    // The metrics Service is named <name>-metrics, and a Service's name is a DNS-1035 label.
    int length = config.name().length();
    if (length + SERVICE_SUFFIX.length() > KubernetesNames.LABEL_MAX) {
      rules.error(List.of("name", "metrics.enabled"), "`name` has " + length + " characters;"
              + " with metrics it names the Service `" + Problem.shorten(config.name())
              + SERVICE_SUFFIX + "`, longer than the " + KubernetesNames.LABEL_MAX
              + " Kubernetes allows a Service",
          "use at most " + (KubernetesNames.LABEL_MAX - SERVICE_SUFFIX.length())
              + " characters");
    }
  }
}
