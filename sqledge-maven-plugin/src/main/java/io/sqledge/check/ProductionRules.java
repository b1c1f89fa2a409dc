package io.sqledge.check;

import io.sqledge.config.Engine;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.Quantities;
import io.sqledge.config.ServiceConfig;
import io.sqledge.diagnostic.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The production gate ({@code production: true}, {@code -Dsqledge.production=true}): what would
 * only be a warning, or nothing, for a test instance is a located error for a production one,
 * each with its fix and the name that accepts it for this instance
 * ({@code productionAccepts}), which keeps it a warning. See docs/production.md.
 */
final class ProductionRules {

  /** A finding: its name in {@code productionAccepts}, where it is, what it is, how to fix it. */
  private record Finding(String name, List<String> paths, String message, String fix) {}

  /** The names {@code productionAccepts} takes, in the order the findings are made. */
  static final List<String> NAMES = List.of("edition", "publicLoadBalancer", "tls",
      "trustServerCertificate", "backups", "failover", "requests", "metricsLogin");

  /** The editions Microsoft licenses for development and evaluation only. */
  private static final Set<String> NOT_FOR_PRODUCTION = Set.of("Developer", "Evaluation",
      "StandardDeveloper", "EnterpriseDeveloper");

  private ProductionRules() {}

  static void check(InstanceConfig config, Rules rules) {
    List<String> accepted = config.productionAccepts();
    for (int i = 0; i < accepted.size(); i++) {
      if (!NAMES.contains(accepted.get(i))) {
        rules.error("productionAccepts[" + i + "]", "`productionAccepts[" + i + "]` `"
            + Problem.shorten(accepted.get(i)) + "` names no finding of the production gate",
            "use one of " + String.join(", ", NAMES));
      }
    }
    if (!config.production()) {
      return;
    }
    for (Finding finding : findings(config)) {
      // At the key that fixes it when the user wrote it, else where the gate was turned on (the
      // file's `production`, or -Dsqledge.production): an embedded default is no place to act.
      List<String> paths = new ArrayList<>(finding.paths());
      paths.add("production");
      if (accepted.contains(finding.name())) {
        rules.warning(paths, finding.message() + " (accepted for production)", finding.fix());
      } else {
        rules.error(paths, finding.message() + ", which the production gate refuses",
            finding.fix() + "; or accept it for this instance: `productionAccepts: ["
                + finding.name() + "]`");
      }
    }
  }

  private static List<Finding> findings(InstanceConfig config) {
    List<Finding> findings = new ArrayList<>();
    Engine engine = Engine.of(config.engine().image());
    String edition = config.engine().edition();
    if (engine == Engine.AZURE_SQL_EDGE) {
      findings.add(new Finding("edition", List.of("engine.image"), "`engine.image` is Azure SQL"
          + " Edge, which Microsoft retired on 2025-09-30: no fixes, no support",
          "move to `" + Engine.SUCCESSOR_IMAGE + "` with a licensed `engine.edition`"));
    } else if (NOT_FOR_PRODUCTION.contains(edition)) {
      findings.add(new Finding("edition", List.of("engine.edition"), "`engine.edition` is `"
          + edition + "`, licensed for development and testing only",
          "set the edition you are licensed for, such as `Standard` or `Enterprise`"
              + " (`EnterpriseCore`), or a product key"));
    }
    ServiceConfig service = config.service();
    if (service.type().equals("LoadBalancer") && !service.internal()
        && service.loadBalancerSourceRanges().isEmpty()) {
      findings.add(new Finding("publicLoadBalancer", List.of("service.type"), "`service.type` is"
          + " LoadBalancer, with neither `service.internal` nor `service.loadBalancerSourceRanges`:"
          + " a public address that admits every network",
          "set `service.internal: true`, `service.loadBalancerSourceRanges`, or"
              + " `service.type: ClusterIP`"));
    }
    if (!config.tls().enabled()) {
      findings.add(new Finding("tls", List.of("tls.secretName", "tls.certManager"), "neither"
          + " `tls.secretName` nor `tls.certManager` is set: SQL Server presents its own"
          + " self-signed certificate, which clients cannot check",
          "give it a certificate: `tls.secretName` or `tls.certManager` (see docs/tls.md)"));
    } else if (config.sources().isSet("connection.trustServerCertificate")
        && config.connection().trustServerCertificate()) {
      findings.add(new Finding("trustServerCertificate",
          List.of("connection.trustServerCertificate"), "`connection.trustServerCertificate:"
              + " true` accepts any certificate", "leave it out, so that clients check it"));
    }
    if (!config.backup().enabled()) {
      findings.add(new Finding("backups", List.of("backup"), "`backup` schedules"
          + " nothing: a lost disk loses every row", "schedule them: `backup.full` (see docs/backups.md)"));
    }
    if (config.ha().automaticFailover().equals("none")) {
      findings.add(new Finding("failover", List.of("ha.automaticFailover"), "`ha.automaticFailover`"
          + " is `none`: when a node dies, the database waits for a person to run"
          + " sqledge:failover",
          "set `ha.automaticFailover: guard` (see docs/automatic-failover.md)"));
    }
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("cpu", config.resources().requests().cpu());
    requests.put("memory", config.memoryRequest());
    Map<String, String> limits = Map.of("cpu", config.resources().limits().cpu(),
        "memory", config.resources().limits().memory());
    List<String> below = new ArrayList<>();
    requests.forEach((resource, request) -> {
      Optional<BigDecimal> asked = Quantities.parse(request);
      Optional<BigDecimal> allowed = Quantities.parse(limits.get(resource));
      if (asked.isPresent() && allowed.isPresent() && asked.get().compareTo(allowed.get()) < 0) {
        below.add(resource + " " + request + " < " + limits.get(resource));
      }
    });
    if (!below.isEmpty()) {
      findings.add(new Finding("requests", List.of("resources.requests"), "`resources.requests`"
          + " are below the limits (" + String.join(", ", below) + "), so the pod is not of the"
          + " Guaranteed QoS class Microsoft recommends for production and can be squeezed by its"
          + " neighbours", "request what the limits allow: `resources.requests` equal to"
              + " `resources.limits`"));
    }
    if (config.metrics().enabled() && config.metrics().credentialSecret().isEmpty()) {
      findings.add(new Finding("metricsLogin", List.of("metrics.credentialSecret",
          "metrics.enabled"), "the metrics exporter connects as SA, the server's administrator",
          "give it a login of its own in `metrics.credentialSecret` (see docs/monitoring.md)"));
    }
    return findings;
  }
}
