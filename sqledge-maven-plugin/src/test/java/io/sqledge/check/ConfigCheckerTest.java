package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckerTest {

  @TempDir Path dir;

  /** Every problem of a configuration that loads: its warnings, and errors if any. */
  private Problems problemsOf(String yaml) {
    Problems problems = new Problems();
    ConfigChecker.check(TestConfigs.load(dir, yaml, problems).orElseThrow(), problems);
    return problems;
  }

  private List<Problem> errorsOf(String yaml) {
    SqledgeException e = assertThrows(SqledgeException.class, () -> TestConfigs.checked(dir, yaml));
    return e.problems();
  }

  @Test
  void defaultsPassWithTheRetiredImageWarning() {
    Problems problems = problemsOf("name: sqledge\n");

    assertFalse(problems.hasErrors(), problems.all()::toString);
    assertTrue(problems.warnings().stream().anyMatch(w ->
        w.message().contains("retired on 2025-09-30")
            && w.fix().contains("mcr.microsoft.com/mssql/server:2022-latest")));
  }

  @Test
  void invalidNameNamesTheRuleAndSuggestsAFix() {
    Problem error = errorsOf("name: My_DB\n").get(0);

    assertEquals(Origin.file(TestConfigs.FILE_NAME, 1, 7), error.origin());
    assertTrue(error.message().startsWith("`name` `My_DB` must consist of lower-case letters"),
        error::render);
    assertEquals("for example `my-db`", error.fix());
  }

  @Test
  void tooLongNameIsAnError() {
    Problem error = errorsOf("name: " + "a".repeat(64) + "\n").get(0);
    assertTrue(error.message().contains("more than 63"), error::render);
  }

  @Test
  void badQuantityGetsTheLikelyMeaning() {
    Problem error = errorsOf("storage:\n  size: 8Gb\n").get(0);

    assertEquals(Origin.file(TestConfigs.FILE_NAME, 2, 9), error.origin());
    assertEquals("`storage.size` is `8Gb`, which is not a Kubernetes quantity", error.message());
    assertEquals("write `size: 8Gi`", error.fix());
  }

  @Test
  void zeroAndNegativeAndFractionalSizesAreErrors() {
    assertTrue(errorsOf("storage:\n  size: 0Gi\n").get(0).message().contains("positive"));
    assertTrue(errorsOf("storage:\n  size: -8Gi\n").get(0).message().contains("positive"));
    assertTrue(errorsOf("storage:\n  size: 8m\n").get(0).message().contains("whole number of bytes"));
  }

  @Test
  void portsOutOfRangeAreErrors() {
    assertTrue(errorsOf("service:\n  port: 0\n").get(0).message().contains("between 1 and 65535"));
    assertTrue(errorsOf("service:\n  port: 70000\n").get(0).message().contains("between 1 and 65535"));
  }

  @Test
  void removedInTreeProvisionerPointsToItsCsiDriver() {
    Problem error = errorsOf("storage:\n  provisioner: kubernetes.io/azure-disk\n").get(0);
    assertEquals("use its CSI driver: `storage.provisioner: disk.csi.azure.com`", error.fix());
  }

  @Test
  void editionIsCheckedAgainstTheEngine() {
    Problem edge = errorsOf("engine:\n  edition: Enterprise\n").get(0);
    assertEquals("`engine.edition` is `Enterprise`, which Azure SQL Edge does not accept: its container would"
        + " stop at start-up",
        edge.message());

    Problem sql2025 = errorsOf("""
        engine:
          image: mcr.microsoft.com/mssql/server:2025-latest
          edition: Developer
        """).get(0);
    assertTrue(sql2025.fix().contains("StandardDeveloper"), sql2025::render);
  }

  @Test
  void productKeyIsAValidSqlServerEdition() throws Exception {
    InstanceConfig config = TestConfigs.checked(dir, """
        engine:
          image: mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04
          edition: ABCDE-12345-FGHIJ-67890-KLMNO
        """);
    assertEquals("ABCDE-12345-FGHIJ-67890-KLMNO", config.engine().edition());
  }

  @Test
  void passwordInTheEnvironmentIsRefusedWithoutEchoingIt() {
    Problem error = errorsOf("engine:\n  env:\n    MSSQL_SA_PASSWORD: Hunter2!Hunter2\n").get(0);
    assertFalse(error.render().contains("Hunter2"), error::render);
    assertTrue(error.message().contains("password must not be written"));
  }

  @Test
  void typedSettingsCannotBeSetThroughEnv() {
    Problem error = errorsOf("engine:\n  env:\n    MSSQL_PID: Express\n").get(0);
    assertEquals("remove it from `engine.env` and set `engine.edition` instead", error.fix());
  }

  @Test
  void everyErrorOfTheFileIsReportedAtOnce() {
    List<Problem> errors = errorsOf("""
        name: Bad_Name
        storge: {}
        storage:
          size: 8GB
          accessMode: ReadWriteOnse
        service:
          port: 70000
        """);
    assertEquals(5, errors.size(), errors::toString);
    assertEquals(List.of(1, 2, 4, 5, 7), errors.stream().map(p -> p.origin().line()).toList());
  }

  @Test
  void acceptEulaFalseIsAnError() {
    assertTrue(errorsOf("engine:\n  acceptEula: false\n").get(0).message()
        .contains("refuses to start"));
  }

  @Test
  void aMemoryRequestBelowTheLimitIsAWarningThatSaysWhy() {
    Problems problems = problemsOf("resources:\n  requests:\n    memory: 2Gi\n");

    assertFalse(problems.hasErrors(), problems.all()::toString);
    Problem warning = problems.warnings().stream()
        .filter(w -> w.message().contains("memory request")).findFirst().orElseThrow();
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 3, 13), warning.origin());
    assertTrue(warning.message().contains("below the limit `4Gi`")
        && warning.message().contains("first evicted"), warning::render);
    assertTrue(warning.fix().contains("remove `resources.requests.memory`"), warning::render);

    Problems equal = problemsOf("resources:\n  requests: {memory: 4Gi}\n");
    assertTrue(equal.warnings().stream().noneMatch(w -> w.message().contains("memory request")));
  }

  @Test
  void theConnectionOptionsAreChecked() {
    Problem tooLong = errorsOf("connection:\n  database: " + "d".repeat(129) + "\n").get(0);
    assertEquals(Origin.file(TestConfigs.FILE_NAME, 2, 13), tooLong.origin());
    assertTrue(tooLong.message().contains("takes 129 UTF-16 code units, but"), tooLong::render);
    Problem badEncrypt = errorsOf("connection:\n  encrypt: yes please\n").get(0);
    assertTrue(badEncrypt.message().contains("true, false, strict"), badEncrypt::render);

    Problems problems = problemsOf("connection:\n  encrypt: strict\n");
    assertTrue(problems.warnings().stream().anyMatch(w ->
        w.message().contains("ignores `trustServerCertificate: true`")), problems.all()::toString);
  }

  @Test
  void unpinnedImageIsAWarning() {
    Problems problems = problemsOf("engine:\n  image: mcr.microsoft.com/mssql/server:latest\n");

    assertFalse(problems.hasErrors(), problems.all()::toString);
    assertTrue(problems.warnings().stream().anyMatch(w -> w.message().contains("not pinned")));
  }

  @Test
  void aDigestPinsTheImageWhateverItsTag() {
    String digest = "@sha256:" + "0123456789abcdef".repeat(4);
    for (String image : List.of("mcr.microsoft.com/mssql/server" + digest,
        "mcr.microsoft.com/mssql/server:2022-latest" + digest,
        "mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04" + digest)) {
      Problems problems = problemsOf("engine:\n  image: " + image + "\n");

      assertTrue(problems.warnings().stream().noneMatch(w -> w.message().contains("not pinned")),
          () -> image + ": " + problems.all());
    }
    for (String image : List.of("mcr.microsoft.com/mssql/server",
        "mcr.microsoft.com/mssql/server:2022-latest", "localhost:5000/mssql")) {
      Problems problems = problemsOf("engine:\n  image: " + image + "\n");

      assertTrue(problems.warnings().stream().anyMatch(w -> w.message().contains("not pinned")),
          () -> image + ": " + problems.all());
    }
  }

  @Test
  void microsoftsImagesCannotBePinnedToAnotherArchitecture() {
    List<Problem> errors = errorsOf("pod:\n  nodeSelector:\n    kubernetes.io/arch: arm64\n");
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).message().contains("pinned to `arm64` nodes, but"
        + " `mcr.microsoft.com/azure-sql-edge:1.0.7` is built for amd64 only"), errors::toString);
    assertDoesNotThrow(() -> TestConfigs.checked(dir,
        "pod:\n  nodeSelector:\n    kubernetes.io/arch: amd64\n"));
    assertDoesNotThrow(() -> TestConfigs.checked(dir, "engine:\n  image:"
        + " example.com/my/mssql-arm:1\npod:\n  nodeSelector:\n    kubernetes.io/arch: arm64\n"),
        "a custom image may be built for arm64");
  }
}
