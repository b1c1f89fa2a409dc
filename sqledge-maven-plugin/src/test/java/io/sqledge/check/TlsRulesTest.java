package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of {@code tls.*}, each located in the file. */
class TlsRulesTest {

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  private static List<Problem> at(List<Problem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).toList();
  }

  /** Every engine reads mssql.conf's [network] section, Azure SQL Edge included. */
  @ParameterizedTest
  @ValueSource(strings = {"mcr.microsoft.com/azure-sql-edge:1.0.7",
      "mcr.microsoft.com/mssql/server:2019-CU27-ubuntu-20.04",
      "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04"})
  void aSecretIsTakenWithEveryEngine(String image) {
    Problems problems = check("engine:\n  image: " + image + "\ntls:\n  secretName: db-tls\n"
        + "  hostName: sql.shop.example\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(List.of(), at(problems.warnings(), "tls.secretName"));
    assertEquals(List.of(), at(problems.warnings(), "connection.trustServerCertificate"));
  }

  @Test
  void namesKubernetesAndDnsCannotTakeAreRefusedWhereTheyAreWritten() {
    List<Problem> errors = check("tls:\n  secretName: DB_TLS\n  hostName: sql_shop\n").errors();
    assertEquals(List.of("tls.secretName", "tls.hostName"), errors.stream().map(Problem::path)
        .toList(), errors::toString);
    assertTrue(errors.get(0).render().contains("sqledge.yaml:2:15"), errors.get(0)::render);
  }

  @Test
  void trustingEveryCertificateDespiteOneOfItsOwnIsWarnedAbout() {
    Problems problems = check("tls:\n  secretName: db-tls\nconnection:\n"
        + "  trustServerCertificate: true\n");
    assertEquals(List.of(), problems.errors());
    Problem warning = at(problems.warnings(), "connection.trustServerCertificate").get(0);
    assertTrue(warning.message().contains("protects nothing"), warning::render);
  }

  @Test
  void aHostNameWithoutACertificateIsWarnedAbout() {
    Problems problems = check("tls:\n  hostName: sql.shop.example\n");
    assertEquals(List.of(), problems.errors());
    assertEquals(1, at(problems.warnings(), "tls.hostName").size(), problems.warnings()::toString);
  }

  @Test
  void aCertificateFromCertManagerIsTakenWithANamespace() {
    Problems problems = check("namespace: shop\ntls:\n  certManager:\n    issuerRef:\n"
        + "      name: shop-ca\n      kind: ClusterIssuer\n    dnsNames: [sql.shop.example,"
        + " '*.db.shop.example']\n");
    assertEquals(List.of(), problems.errors());
  }

  @Test
  void aCertificateFromCertManagerNeedsANamespaceForTheServicesName() {
    List<Problem> errors = check("tls:\n  certManager:\n    issuerRef: {name: shop-ca}\n")
        .errors();
    assertEquals(List.of("tls.certManager.issuerRef.name"), errors.stream().map(Problem::path)
        .toList(), errors::toString);
    assertTrue(errors.get(0).message().contains("no `namespace` is set"), errors.get(0)::render);
    assertTrue(errors.get(0).render().contains("sqledge.yaml:3:"), errors.get(0)::render);
  }

  @Test
  void certManagerNamesAreCheckedWhereTheyAreWritten() {
    List<Problem> errors = check("namespace: shop\ntls:\n  certManager:\n    issuerRef:\n"
        + "      name: Shop_CA\n      kind: Vault\n    dnsNames: [ok.example, bad_name.example]\n")
        .errors();
    assertEquals(Set.of("tls.certManager.issuerRef.kind", "tls.certManager.issuerRef.name",
        "tls.certManager.dnsNames[1]"), errors.stream().map(Problem::path)
        .collect(Collectors.toSet()), errors::toString);
  }

  @Test
  void dnsNamesWithoutAnIssuerAreRefused() {
    List<Problem> errors = check("tls:\n  certManager:\n    dnsNames: [sql.shop.example]\n")
        .errors();
    assertEquals(List.of("tls.certManager.dnsNames"), errors.stream().map(Problem::path)
        .toList(), errors::toString);
  }
}
