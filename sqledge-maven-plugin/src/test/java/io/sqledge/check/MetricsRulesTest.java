package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of {@code metrics.*}, each located in the file. */
class MetricsRulesTest {

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  private static List<String> paths(List<Problem> problems) {
    return problems.stream().map(Problem::path).toList();
  }

  @Test
  void aLoginOfItsOwnIsTakenWithoutAWord() {
    Problems problems = check("metrics:\n  enabled: true\n  credentialSecret: db-metrics\n"
        + "  serviceMonitor: true\n  interval: 1m30s\n");
    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().noneMatch(p -> p.path().startsWith("metrics.")),
        problems.warnings()::toString);
  }

  @Test
  void saIsWarnedAboutAtTheSwitch() {
    Problems problems = check("metrics:\n  enabled: true\n");
    assertEquals(List.of(), problems.errors());
    Problem warning = problems.warnings().stream().filter(p -> p.path().equals(
        "metrics.enabled")).findFirst().orElseThrow(() -> new AssertionError(problems.warnings()));
    assertTrue(warning.message().contains("connects as SA"), warning::render);
    assertTrue(warning.fix().contains("VIEW SERVER STATE"), warning::render);
    assertTrue(warning.render().contains("sqledge.yaml:2:"), warning::render);
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "0s", "soon", "1h-5m", ""})
  void anIntervalPrometheusCannotReadIsRefused(String interval) {
    List<Problem> errors = check("metrics:\n  enabled: true\n  credentialSecret: m\n"
        + "  interval: '" + interval + "'\n").errors();
    assertEquals(List.of("metrics.interval"), paths(errors), errors::toString);
  }

  @Test
  void aServiceMonitorWithoutTheExporterIsRefusedAndALoginWarnedAbout() {
    Problems problems = check("metrics:\n  serviceMonitor: true\n  credentialSecret: m\n");
    assertEquals(List.of("metrics.serviceMonitor"), paths(problems.errors()),
        problems.errors()::toString);
    assertTrue(paths(problems.warnings()).contains("metrics.credentialSecret"),
        problems.warnings()::toString);
  }

  @Test
  void theSqlPortIsNotTheMetricsPort() {
    List<Problem> errors = check("metrics:\n  enabled: true\n  credentialSecret: m\n"
        + "  port: 1433\n").errors();
    assertEquals(List.of("metrics.port"), paths(errors), errors::toString);
  }

  /** Found by DifferentialTest: a 57-character name made a metrics Service of 65. */
  @Test
  void theMetricsServicesNameFitsALabel() {
    String name = "s" + "x".repeat(55);
    List<Problem> errors = check("name: " + name + "\nmetrics:\n  enabled: true\n"
        + "  credentialSecret: m\n").errors();
    assertEquals(List.of("name"), paths(errors), errors::toString);
    assertTrue(errors.get(0).message().contains("names the Service `" + name + "-metrics`"),
        errors.get(0)::render);
    assertEquals("use at most 55 characters", errors.get(0).fix());
    assertEquals(List.of(), check("name: " + name.substring(1) + "\nmetrics:\n  enabled: true\n"
        + "  credentialSecret: m\n").errors());
  }

  @Test
  void namesAndPeersAreCheckedWhereTheyAreWritten() {
    List<Problem> errors = check("metrics:\n  enabled: true\n  credentialSecret: Db_Metrics\n"
        + "  image: 'bad image'\n  allowFrom:\n    - podSelectr: {}\n").errors();
    assertEquals(List.of("metrics.credentialSecret", "metrics.image", "metrics.allowFrom[0]"),
        paths(errors), errors::toString);
  }

  @Test
  void peersWithoutAPolicyAreRefused() {
    List<Problem> errors = check("network:\n  policy: false\nmetrics:\n  enabled: true\n"
        + "  credentialSecret: m\n  allowFrom:\n    - namespaceSelector: {}\n").errors();
    assertEquals(List.of("metrics.allowFrom"), paths(errors), errors::toString);
  }
}
