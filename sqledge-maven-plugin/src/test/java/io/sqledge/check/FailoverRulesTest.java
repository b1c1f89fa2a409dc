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

/** ha.automaticFailover: what the guard needs, refused with the line to fix when it is missing. */
class FailoverRulesTest {

  @TempDir Path dir;

  private Problems check(String yaml) {
    return TestConfigs.problems(dir, yaml, Map.of());
  }

  @Test
  void theGuardNeedsANamespaceForItsClusterRoleBinding() {
    List<Problem> errors = check("""
        ha:
          automaticFailover: guard
        """).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("sqledge.yaml:2:22", errors.get(0).origin().toString());
    assertTrue(errors.get(0).message().contains("needs a `namespace`"), errors::toString);
  }

  @Test
  void anUnknownModeIsRefusedWithTheOnesThereAre() {
    List<Problem> errors = check("""
        namespace: data
        ha:
          automaticFailover: medik9s
        """).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("sqledge.yaml:3:22", errors.get(0).origin().toString());
    assertTrue(errors.get(0).toString().contains("guard"), errors::toString);
  }

  @Test
  void aGuardImageTheKubeletCannotParseIsRefused() {
    List<Problem> errors = check("""
        namespace: data
        ha:
          automaticFailover: guard
          guardImage: Alpine/Kubectl:1.34.2
        """).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("ha.guardImage", errors.get(0).path());
  }

  @Test
  void fencingByTimeAloneWarnsWhatAPartitionRisks() {
    Problems problems = check("""
        namespace: data
        ha:
          automaticFailover: guard
          fencing: notReadyFor
          minimumDownSeconds: 90
        """);
    assertEquals(List.of(), problems.errors());
    Problem warning = problems.warnings().stream()
        .filter(p -> p.path().equals("ha.fencing")).findFirst().orElseThrow();
    assertTrue(warning.message().contains("90s"), warning::toString);
    assertTrue(warning.message().contains("two servers write one disk"), warning::toString);
  }

  @Test
  void cloudShutdownFencingNeedsNoWarning() {
    Problems problems = check("""
        namespace: data
        ha:
          automaticFailover: guard
        """);
    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().noneMatch(p -> p.path().startsWith("ha.")),
        problems.warnings()::toString);
  }

  @Test
  void medik8sIsRefusedWithWhatToDoInstead() {
    List<Problem> errors = check("""
        namespace: data
        ha:
          automaticFailover: medik8s
        """).errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("sqledge.yaml:3:22", errors.get(0).origin().toString());
    assertTrue(errors.get(0).fix().contains("use `none`"), errors::toString);
  }
}
