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
import org.junit.jupiter.params.provider.CsvSource;

/** The production gate: each finding a located error, or a warning where accepted. */
class ProductionRulesTest {

  /** An instance the gate has nothing to say about. */
  static final String READY = """
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
        edition: Standard
      service:
        internal: true
      resources:
        requests: {cpu: "2", memory: 4Gi}
        limits: {cpu: "2", memory: 4Gi}
      ha:
        automaticFailover: guard
      backup:
        full: "0 0 * * 0"
      tls:
        secretName: shop-tls
      production: true
      """;

  @TempDir Path dir;

  private Problems check(String yaml, Map<String, String> overrides) {
    return TestConfigs.problems(dir, yaml, overrides);
  }

  private static Problem named(List<Problem> problems, String key) {
    return problems.stream().filter(p -> p.message().startsWith(key)).findFirst().orElseThrow();
  }

  private static List<Problem> gate(List<Problem> problems) {
    return problems.stream().filter(p -> p.message().contains("production")).toList();
  }

  @Test
  void aReadyInstancePasses() {
    Problems problems = check(READY, Map.of());
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of(), gate(problems.warnings()));
  }

  /**
   * Turned on by a property over the embedded default, each finding is located at the property,
   * the one place the user acted, and names the key that fixes it.
   */
  @Test
  void theEmbeddedDefaultFailsTheGateOnSixCountsAtTheProperty() {
    Problems problems = check("namespace: shop\n", Map.of("production", "true"));
    List<Problem> errors = problems.errors();
    assertEquals(6, errors.size(), errors::toString);
    assertTrue(errors.stream().allMatch(e -> e.render().startsWith("-Dsqledge.production: ")),
        errors::toString);
    for (String key : List.of("`engine.image`", "`service.type`", "neither `tls.secretName`",
        "`backup`", "`ha.automaticFailover`", "`resources.requests`")) {
      assertEquals(1, errors.stream().filter(e -> e.message().startsWith(key)).count(), key);
    }
    assertTrue(errors.stream().allMatch(e -> e.message().endsWith("which the production gate"
        + " refuses")), errors::toString);
    assertTrue(named(errors, "`engine.image`").message().contains("retired on 2025-09-30"));
    assertTrue(named(errors, "`resources.requests`").message().contains("cpu 1 < 2"));
    assertTrue(named(errors, "neither `tls.secretName`").fix().endsWith("or accept it for"
        + " this instance: `productionAccepts: [tls]`"),
        named(errors, "neither `tls.secretName`")::render);
    assertEquals(List.of(), check("namespace: shop\n", Map.of()).errors(), "off by default");
  }

  /** Turned on in the file, a finding is at the key where the user wrote it, else at `production`. */
  @Test
  void inTheFileEachFindingIsAtItsKeyWhenWritten() {
    List<Problem> errors = check("namespace: shop\nservice:\n  type: LoadBalancer\n"
        + "production: true\n", Map.of()).errors();
    assertEquals("service.type", named(errors, "`service.type`").path());
    assertTrue(named(errors, "`service.type`").render().startsWith("sqledge.yaml:3:9: "),
        named(errors, "`service.type`")::render);
    assertTrue(named(errors, "`backup`").render().startsWith("sqledge.yaml:4:13: "),
        named(errors, "`backup`")::render);
  }

  @Test
  void aDevelopmentEditionAndATrustedAnyCertificateAreFound() {
    Problems problems = check(READY.replace("edition: Standard", "edition: Developer")
        + "connection:\n  trustServerCertificate: true\n", Map.of());
    assertEquals(List.of("engine.edition", "connection.trustServerCertificate"),
        problems.errors().stream().map(Problem::path).toList(), problems.errors()::toString);
    assertTrue(problems.errors().get(0).render().contains("sqledge.yaml:4:12"),
        problems.errors().get(0)::render);
  }

  @Test
  void whatAnInstanceAcceptsStaysAWarning() {
    Problems problems = check(READY.replace("edition: Standard", "edition: Developer")
        + "productionAccepts: [edition]\n", Map.of());
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of("engine.edition"), gate(problems.warnings()).stream()
        .map(Problem::path).toList());
  }

  /**
   * Each rule of the gate, one at a time: a ready instance with one change fails on that finding
   * alone, and accepting it by name keeps it a warning.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "edition|edition: Standard|edition: Evaluation",
      "publicLoadBalancer|  internal: true|  internal: false",
      "tls|  secretName: shop-tls|  secretName: ''",
      "trustServerCertificate|production: true|production: true\\nconnection:\\n"
          + "  trustServerCertificate: true",
      "backups|  full: \"0 0 * * 0\"|  full: ''",
      "failover|automaticFailover: guard|automaticFailover: none",
      "requests|requests: {cpu: \"2\", memory: 4Gi}|requests: {cpu: \"1\", memory: 4Gi}",
      "metricsLogin|production: true|production: true\\nmetrics:\\n  enabled: true"})
  void eachRuleFailsAloneAndIsAcceptedByItsName(String name, String ready, String failing) {
    assertEquals(8, ProductionRules.NAMES.size(), "every rule has a row here");
    String yaml = READY.replace(ready, failing.replace("\\n", "\n"));
    List<Problem> errors = check(yaml, Map.of()).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).fix().endsWith("`productionAccepts: [" + name + "]`"),
        errors.get(0)::render);
    Problems accepted = check(yaml + "productionAccepts: [" + name + "]\n", Map.of());
    assertEquals(List.of(), accepted.errors());
    assertEquals(1, gate(accepted.warnings()).size(), accepted.warnings()::toString);
  }

  @Test
  void aCertificateFromCertManagerIsTls() {
    Problems problems = check(READY.replace("  secretName: shop-tls\n",
        "  certManager:\n    issuerRef: {name: shop-ca}\n"), Map.of());
    assertEquals(List.of(), problems.errors());
  }

  @Test
  void anAcceptedNameThatIsNoFindingIsRefused() {
    Problem error = check("productionAccepts: [editon]\n", Map.of()).errors().get(0);
    assertEquals("productionAccepts[0]", error.path());
    assertTrue(error.fix().contains("edition, publicLoadBalancer, tls"), error::render);
  }
}
