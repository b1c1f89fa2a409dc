package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.Engine;
import io.sqledge.config.StartupLists;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What SQL Server and the kubelet refuse at start-up is refused by the build, with the closest
 * valid values; what the lists hold passes. (The lists come from Microsoft's documentation; no
 * SQL Server runs here.)
 */
class StartupRulesTest {

  private static final String SQL_2022 = "mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04";

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  private Problem onlyError(String yaml) {
    List<Problem> errors = check(yaml).errors();
    assertEquals(1, errors.size(), errors::toString);
    return errors.get(0);
  }

  private String engine(String settings) {
    return "engine:\n  image: " + SQL_2022 + "\n" + settings;
  }

  @Test
  void aCollationSqlServerDoesNotHaveIsRefusedWithTheClosest() {
    Problem error = onlyError(engine("  collation: SQL_Latin1_General_CP1_CI_AS_UTF8\n"));

    assertEquals("`engine.collation` is `SQL_Latin1_General_CP1_CI_AS_UTF8`, which SQL Server"
        + " does not have: its container would stop at start-up", error.message());
    assertTrue(error.fix().startsWith("use the closest: SQL_Latin1_General_CP1_CI_AS, "),
        error::fix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SQL_Latin1_General_CP1_CI_AS", "Latin1_General_100_CI_AS_SC_UTF8",
      "Latin1_General_CI_AS", "Latin1_General_100_BIN2_UTF8", "Japanese_XJIS_140_CI_AS_VSS_UTF8",
      "Chinese_PRC_CS_AS_KS_WS", "Turkish_100_CI_AI_KS_WS_SC", "SQL_EBCDIC277_2_CP1_CS_AS"})
  void collationsSqlServerHasPass(String collation) {
    assertEquals(List.of(), check(engine("  collation: " + collation + "\n")).all().stream()
        .filter(problem -> problem.path().equals("engine.collation")).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Latin1_General_CI_AS_SC", "Latin1_General_100_CI_AS_UTF8",
      "Latin1_General_100_CI_AS_VSS", "Latin1_General_BIN2_UTF8", "Klingon_100_CI_AS",
      "Latin1_General_100_AS_CI"})
  void collationsOutsideTheGrammarAreRefused(String collation) {
    assertTrue(onlyError(engine("  collation: " + collation + "\n")).message()
        .contains("which SQL Server does not have"));
  }

  @Test
  void aUnicodeOnlyCollationIsNeverTheServers() {
    assertTrue(onlyError(engine("  collation: Indic_General_100_CI_AS\n")).message()
        .startsWith("`Indic_General_100_CI_AS` is a Unicode-only collation"));
  }

  @Test
  void anotherSpellingIsAWarning() {
    Problems problems = check(engine("  collation: latin1_general_100_ci_as\n"));

    assertEquals(List.of(), problems.errors());
    assertEquals("write `Latin1_General_100_CI_AS`", problems.warnings().stream()
        .filter(w -> w.path().equals("engine.collation")).findFirst().orElseThrow().fix());
  }

  @Test
  void aNumberThatIsNoLocaleIdIsRefusedWithTheClosest() {
    Problem error = onlyError(engine("  lcid: 1034\n"));

    assertEquals("`engine.lcid` is 1034, which is no language SQL Server has (sys.syslanguages)",
        error.message());
    assertTrue(error.fix().startsWith("use one of 1033 (us_english), 1035 (Finnish), 1032"
        + " (Greek)"), error::fix);
  }

  @Test
  void everyListedLocaleIdAndEditionPasses() {
    for (long lcid : StartupLists.shipped().lcids().keySet()) {
      assertEquals(List.of(), check(engine("  lcid: " + lcid + "\n")).errors(), "lcid " + lcid);
    }
    for (String edition : Engine.SQL_SERVER_2025.editions()) {
      assertEquals(List.of(), check("engine:\n  image: mcr.microsoft.com/mssql/server:2025-CU1"
          + "-ubuntu-24.04\n  edition: " + edition + "\n").errors(), edition);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mcr.microsoft.com/mssql/rhel/server:2025-latest",
      "MCR.Microsoft.com/mssql/server:2025-CU1-ubuntu-24.04"})
  void microsoftsOtherImagePathsAndHostSpellingsAreRecognised(String image) {
    assertEquals(Engine.SQL_SERVER_2025, Engine.of(image));
    Problem error = onlyError("engine:\n  image: " + image + "\n  edition: Developer\n");

    assertTrue(error.message().contains("which SQL Server 2025 does not accept"), error::render);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04-tttttttttttttttttttttttttttttttttttt"
          + "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt",
      "mcr.microsoft.com//mssql/server:2022-latest",
      "mcr.microsoft.com/mssql/server@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"
          + "ABCDEF0123456789",
      "mcr.microsoft.com/MSSQL/server:2022-latest",
      "mcr.microsoft.com/mssql/server:-latest",
      "mcr.microsoft.com/mssql/server/:2022-latest"})
  void anImageReferenceTheKubeletCannotParseIsRefused(String image) {
    assertTrue(ImageReference.problem(image).isPresent(), image);
    assertTrue(check("engine:\n  image: \"" + image + "\"\n").errors().stream()
        .anyMatch(e -> e.message().startsWith("the kubelet cannot parse the image reference")));
  }

  @Test
  void anImageWithSpacesIsOneErrorNotTwo() {
    assertEquals(List.of("`engine.image` must be an image reference without spaces"),
        check("engine:\n  image: \"mcr.microsoft.com/mssql/server:2022 latest\"\n").errors()
            .stream().filter(e -> e.path().equals("engine.image")).map(Problem::message)
            .toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04",
      "registry.example.com:5000/db/mssql-server:2022", "localhost/mssql:1",
      "mssql/server:2022", "mcr.microsoft.com/mssql/server@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "mcr.microsoft.com/mssql/server:2022-latest@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "a__b/c--d/e.f:g_h"})
  void imageReferencesTheKubeletParsesPass(String image) {
    assertEquals(java.util.Optional.empty(), ImageReference.problem(image));
  }

  @Test
  void allowUnlistedTurnsARefusalIntoAWarning() {
    Problems problems = check(engine("  collation: Latin1_General_150_CI_AS\n"
        + "  allowUnlisted: [collation]\n"));

    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().anyMatch(w -> w.message().endsWith(
        "(as far as this plugin's lists know; allowed by `engine.allowUnlisted`)")));
    assertFalse(check(engine("  allowUnlisted: [image]\n")).errors().isEmpty(),
        "the image grammar cannot be allowed");
  }

  @Test
  void aDatabaseNameCountsUtf16Units() {
    String emoji = "\uD83D\uDE00";
    assertEquals(List.of(), check("connection:\n  database: \"" + emoji.repeat(64) + "\"\n")
        .errors());
    assertTrue(onlyError("connection:\n  database: \"" + emoji.repeat(65) + "\"\n").message()
        .contains("takes 130 UTF-16 code units (65 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2Gi", "2048Mi", "2147483648", "2147483647", "2G", "2.5Gi", "0.002Ti",
      "2147483648001m", "1.9999999999Gi", "3Gi", "2049Mi", "4Gi", "1e10", "2200M"})
  void anAcceptedMemoryLimitNeverGivesSqlServerLessThan2048Mb(String limit) throws Exception {
    Problems problems = new Problems();
    var config = TestConfigs.load(dir, "resources:\n  limits: {memory: \"" + limit + "\"}\n",
        problems).orElseThrow();
    ConfigChecker.check(config, problems);

    if (!problems.hasErrors()) {
      long derived = config.memoryLimitMb().orElseThrow();
      assertTrue(derived >= 2048, limit + " gives MSSQL_MEMORY_LIMIT_MB " + derived);
    } else {
      assertTrue(problems.errors().stream().anyMatch(e -> e.path().equals(
          "resources.limits.memory") && e.message().contains("needs at least 2 GiB")),
          problems.errors()::toString);
    }
  }

  @Test
  void anEditionTheImageMakesWrongIsReportedAtTheImage() {
    // The default edition (Developer) is not 2025's: the line to fix is the image's, never the
    // embedded default (found by DifferentialTest).
    Problem error = onlyError("engine:\n  image: mcr.microsoft.com/mssql/server:2025-latest\n");
    assertTrue(error.message().contains("`engine.edition` is `Developer`"), error::render);
    assertEquals("sqledge.yaml:2:10", error.origin().toString());
  }
}
