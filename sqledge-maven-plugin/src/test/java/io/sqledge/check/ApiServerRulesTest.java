package io.sqledge.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases the API server refuses beyond its schema, each at the fragment that holds it. (The
 * rules are held to a real API server over thousands of fragments by FragmentDifferentialTest.)
 */
class ApiServerRulesTest {

  @TempDir Path dir;

  private Problem onlyError(String yaml) {
    SqledgeException e = assertThrows(SqledgeException.class, () -> TestConfigs.checked(dir, yaml));
    assertEquals(1, e.problems().size(), e::getMessage);
    return e.problems().get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{key: k, operator: Equal, value: v, effect: NoSchedule, tolerationSeconds: 30}"
          + "|`pod.tolerations[0].effect`: `tolerationSeconds` is set, so `effect` must be NoExecute",
      "{key: k, operator: Exists, value: v}"
          + "|`pod.tolerations[0].value`: `value` must be empty when `operator` is Exists",
      "{operator: Equal, value: v}"
          + "|`pod.tolerations[0].operator`: `operator` must be Exists when `key` is empty"})
  void tolerations(String toleration, String message) {
    Problem error = onlyError("pod:\n  tolerations: [" + toleration + "]\n");

    assertTrue(error.message().startsWith(message), error::render);
    assertTrue(error.render().startsWith("sqledge.yaml:2:"), error::render);
  }

  @Test
  void nodeAffinityInWithoutValues() {
    Problem error = onlyError("""
        pod:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions: [{key: agentpool, operator: In}]
        """);

    assertEquals("`pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
        + ".nodeSelectorTerms[0].matchExpressions[0].values`: must not be empty when `operator`"
        + " is In", error.message());
  }

  @Test
  void aPreferredTermWeighs1To100() {
    Problem error = onlyError("""
        pod:
          affinity:
            nodeAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 101
                  preference: {matchExpressions: [{key: agentpool, operator: Exists}]}
        """);

    assertEquals("`pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]"
        + ".weight`: must be 1 to 100, not 101", error.message());
  }

  @Test
  void podAntiAffinityNeedsATopologyKey() {
    Problem error = onlyError("""
        pod:
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector: {matchLabels: {app: db}}
                  topologyKey: ""
        """);

    assertTrue(error.message().endsWith(".topologyKey`: must not be empty"), error::render);
    assertTrue(error.fix().contains("kubernetes.io/hostname"), error::fix);
  }

  @Test
  void anExceptOutsideItsBlockIsRefused() {
    Problem error = onlyError("network:\n  allowFrom:\n"
        + "    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}\n");

    assertEquals("`network.allowFrom[0].ipBlock.except[0]`: `10.1.0.0/24` is not a strict subset"
        + " of `ipBlock.cidr` `10.0.0.0/16`", error.message());
  }

  @Test
  void leadingZerosAreTakenAsTheServerTakesThemWithAWarning() {
    Problems problems = new Problems();
    ConfigChecker.check(TestConfigs.load(dir, "network:\n  allowFrom:\n"
        + "    - ipBlock: {cidr: 010.0.0.0/8, except: [10.1.0.0/16]}\n", problems).orElseThrow(),
        problems);

    assertEquals(List.of(), problems.errors());
    assertTrue(problems.warnings().stream().anyMatch(w -> w.message().startsWith(
        "`010.0.0.0/8` has a part with a leading zero: Kubernetes reads it as `10.0.0.0/8`")),
        problems.warnings()::toString);
  }
}
