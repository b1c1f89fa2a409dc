package io.sqledge.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.docs.GeneratedSection;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.lint.Linters.Finding;
import io.sqledge.write.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linter gate: kube-score and checkov, the linters platform teams run, on the manifests of the
 * configurations users start from. Every finding must be on the allowlist ({@code
 * allowlist.yaml}, each entry with the reason it does not apply to a single-replica database);
 * every entry must still be needed; docs/security.md shows the list.
 */
class LinterGateTest {

  /** The outputs checked, by name: the configuration each is generated from (null: the default). */
  static final Map<String, String> OUTPUTS = outputs();

  private static Map<String, String> outputs() {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("default", null);
    for (String platform : List.of("eks", "gke", "k3s", "generic")) {
      outputs.put(platform, "platform: " + platform + "\n");
    }
    outputs.put("statefulset", "ha:\n  workload: StatefulSet\n");
    outputs.put("sql-server-2022", "engine:\n  image: mcr.microsoft.com/mssql/server:"
        + "2022-CU20-ubuntu-22.04\n  edition: Developer\n");
    outputs.put("internal-lb", "service:\n  internal: true\n");
    outputs.put("network-policy", "network:\n  allowFrom:\n"
        + "    - podSelector: {matchLabels: {app: orders-api}}\n");
    outputs.put("connection-configmap", "connection:\n  configMap: true\n");
    outputs.put("failover-guard", "namespace: orders\nha:\n  automaticFailover: guard\n");
    outputs.put("backups", "namespace: orders\nengine:\n  image: mcr.microsoft.com/mssql/server:"
        + "2022-CU16-ubuntu-22.04\nbackup:\n  full: '0 0 * * 0'\n  differential: '0 */12 * * *'\n"
        + "  log: '*/5 * * * *'\n");
    outputs.put("backups-s3", "namespace: orders\nengine:\n  image: mcr.microsoft.com/mssql/"
        + "server:2022-CU16-ubuntu-22.04\nbackup:\n  full: '0 0 * * 0'\n"
        + "  url: s3://s3.eu-west-1.amazonaws.com/orders-backups\n");
    outputs.put("backups-azure-blob", "namespace: orders\nengine:\n  image: mcr.microsoft.com/"
        + "mssql/server:2022-CU16-ubuntu-22.04\nbackup:\n  full: '0 0 * * 0'\n"
        + "  url: https://orders.blob.core.windows.net/backups\n");
    outputs.put("tls", "namespace: orders\nengine:\n  image: mcr.microsoft.com/mssql/server:"
        + "2022-CU16-ubuntu-22.04\ntls:\n  secretName: orders-tls\n");
    outputs.put("tls-cert-manager", "namespace: orders\nengine:\n  image: mcr.microsoft.com/"
        + "mssql/server:2022-CU16-ubuntu-22.04\ntls:\n  certManager:\n"
        + "    issuerRef: {name: orders-ca, kind: ClusterIssuer}\n");
    outputs.put("metrics", "namespace: orders\nengine:\n  image: mcr.microsoft.com/mssql/"
        + "server:2022-CU16-ubuntu-22.04\nmetrics:\n  enabled: true\n  serviceMonitor: true\n"
        + "  credentialSecret: orders-metrics\n");
    outputs.put("fleet", "namespace: stores\ninstances:\n  - name: store-001\n"
        + "  - name: store-002\n  - name: store-003\n");
    return outputs;
  }

  static final GeneratedSection ALLOWLIST_TABLE = new GeneratedSection("docs/security.md",
      "<!-- linter allowlist: generated from allowlist.yaml (LinterGateTest); edit that, not this"
          + " table -->\n", "<!-- end of the linter allowlist -->\n");

  @TempDir static Path dir;

  private static List<Finding> findings;

  @BeforeAll
  static void lint() throws Exception {
    Path lint = Files.createDirectories(dir.resolve("lint"));
    findings = new ArrayList<>();
    for (Map.Entry<String, String> output : OUTPUTS.entrySet()) {
      Path config = Files.createDirectories(dir.resolve("config").resolve(output.getKey()));
      Path out = dir.resolve("out").resolve(output.getKey());
      Generator.bundled().generate(new GenerateRequest(
          Optional.ofNullable(output.getValue())
              .map(yaml -> TestConfigs.write(config, "apiVersion: sqledge/v1\n" + yaml)),
          Map.of(), out, true));
      // The combined file holds every object once; the per-resource files would count it twice.
      Path manifests = lint.resolve(output.getKey() + ".yaml");
      Files.copy(out.resolve(OutputLayout.COMBINED_FILE), manifests);
      findings.addAll(Linters.kubeScore(manifests, manifests.getFileName().toString()));
    }
    findings.addAll(Linters.checkov(lint));
    System.out.println(summary());
  }

  @Test
  void everyFindingIsOnTheAllowlist() throws Exception {
    List<Allowlist.Entry> allowed = Allowlist.read();
    List<String> refused = findings.stream()
        .filter(finding -> allowed.stream().noneMatch(entry -> entry.covers(finding)))
        .map(Finding::describe)
        .toList();
    assertTrue(refused.isEmpty(), "findings not on the allowlist (fix the manifests, or add an"
        + " entry with the reason to io/sqledge/lint/allowlist.yaml):\n"
        + String.join("\n", refused));
  }

  @Test
  void everyAllowlistEntryIsStillNeeded() throws Exception {
    List<String> unused = Allowlist.read().stream()
        .filter(entry -> findings.stream().noneMatch(entry::covers))
        .map(entry -> entry.linter() + " " + entry.check())
        .toList();
    assertTrue(unused.isEmpty(), "allowlist entries no output needs any more (remove them): "
        + unused);
  }

  /** Both linters looked at every output: each complains at least once about each. */
  @Test
  void bothLintersReadEveryOutput() {
    for (String output : OUTPUTS.keySet()) {
      for (String linter : List.of(Linters.KUBE_SCORE, Linters.CHECKOV)) {
        assertTrue(findings.stream().anyMatch(f -> f.linter().equals(linter)
            && f.file().equals(output + ".yaml")), linter + " reported nothing on " + output);
      }
    }
  }

  /**
   * The default output's critical findings stay within their budget (kube-score's replicas,
   * update strategy and egress policy are warnings): kube-score's image pull policy and writable
   * root of the database, and the pull policy and missing ingress policy of the accounts job;
   * checkov's image pull policy, writable root, password in the environment, image digest, and
   * the default namespace of the Deployment and the Service, and of the accounts job its pull
   * policy, passwords in the environment, digest, ingress policy, and the default namespace of
   * it and its ConfigMap. Each is justified in the allowlist. Fixing one lowers the budget here;
   * a new one fails.
   */
  @Test
  void theDefaultOutputStaysWithinItsBudgetOfCriticalFindings() {
    Map<String, Integer> budget = Map.of(Linters.KUBE_SCORE, 4, Linters.CHECKOV, 12);
    budget.forEach((linter, most) -> {
      List<String> critical = findings.stream().filter(f -> f.linter().equals(linter)
          && f.file().equals("default.yaml") && f.critical()).map(Finding::describe).toList();
      assertTrue(critical.size() <= most, linter + " reports " + critical.size()
          + " critical findings on the default output, at most " + most + " expected:\n"
          + String.join("\n", critical));
    });
  }

  @Test
  void theSecurityPageShowsTheAllowlist() throws Exception {
    ALLOWLIST_TABLE.holdTo(Allowlist.table(Allowlist.read()), "allowlist.yaml");
  }

  /** Findings per output and linter, and by check, for the log (and the figures). */
  private static String summary() {
    StringBuilder text = new StringBuilder("linter findings per output (kube-score, checkov):\n");
    for (String output : OUTPUTS.keySet()) {
      text.append(String.format("  %-22s %3d %3d%n", output,
          count(Linters.KUBE_SCORE, output), count(Linters.CHECKOV, output)));
    }
    Map<String, Long> byCheck = findings.stream().collect(Collectors.groupingBy(
        f -> f.linter() + " " + f.check(), TreeMap::new, Collectors.counting()));
    byCheck.forEach((check, n) -> text.append("  ").append(check).append(": ").append(n)
        .append('\n'));
    text.append("on the default output:\n");
    findings.stream().filter(f -> f.file().equals("default.yaml")).forEach(f -> text
        .append("  ").append(f.critical() ? "critical " : "warning  ").append(f.describe())
        .append('\n'));
    return text.toString();
  }

  private static long count(String linter, String output) {
    return findings.stream()
        .filter(f -> f.linter().equals(linter) && f.file().equals(output + ".yaml")).count();
  }
}
