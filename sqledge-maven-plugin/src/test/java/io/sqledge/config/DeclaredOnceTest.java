package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one declaration per key buys users: each case here was wrong while keys were bound by
 * hand (issue 11), and is right now because binding, origins and checks derive from the
 * declarations.
 */
class DeclaredOnceTest {

  @TempDir Path dir;

  private List<String> errors(String yaml, Map<String, String> overrides) {
    try {
      Generator.loadAll(Optional.of(TestConfigs.write(dir, yaml)), overrides, new Problems());
      return List.of();
    } catch (SqledgeException e) {
      return e.problems().stream().map(Problem::render).toList();
    }
  }

  @Test
  void anUnknownKeyInAFleetEntryIsNamedByItsFullPath() {
    List<String> errors = errors("""
        instances:
          - name: a
          - name: b
            storage:
              sizee: 8Gi
        """, Map.of());

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).startsWith("sqledge.yaml:5:7: unknown key `sizee` in"
        + " `instances[1].storage`; did you mean `size`?"), errors::toString);
  }

  @Test
  void theValidTopLevelKeysIncludeInstances() {
    List<String> errors = errors("qqqqqqqqqq: 1\n", Map.of());

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("valid keys here: ") && errors.get(0).contains("instances"),
        errors::toString);
  }

  @Test
  void anErrorInAListPropertyIsTheProperty() {
    List<String> errors = errors("name: orders\n", Map.of(
        "service.loadBalancerSourceRanges", "10.0.0.0/8, not-a-network",
        "pod.imagePullSecrets", "Bad_Name"));

    assertEquals(2, errors.size(), errors::toString);
    assertTrue(errors.stream().anyMatch(error -> error.startsWith(
        "-Dsqledge.service.loadBalancerSourceRanges: `not-a-network`")), errors::toString);
    assertTrue(errors.stream().anyMatch(error -> error.startsWith(
        "-Dsqledge.pod.imagePullSecrets: `pod.imagePullSecrets[0]` `Bad_Name`")),
        errors::toString);
  }

  @Test
  void aBadInternalAnnotationKeyPointsAtItsOwnLine() {
    List<String> errors = errors("""
        service:
          internal: true
          internalAnnotations:
            "bad key!": "true"
        """, Map.of());

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).startsWith("sqledge.yaml:4:17: the annotation name `bad key!`"),
        errors::toString);
  }

  @Test
  void aClaimNamePropertyNamesTheClaimOfEveryFleetInstance() throws Exception {
    List<InstanceConfig> fleet = Generator.loadAll(Optional.of(TestConfigs.write(dir, """
        instances:
          - name: a
            ha: {workload: StatefulSet}
          - name: b
            ha: {workload: StatefulSet}
        """)), Map.of("storage.claimName", "shared"), new Problems());

    assertEquals(List.of("shared", "shared"),
        fleet.stream().map(instance -> instance.storage().claimName()).toList());
  }

  @Test
  void aClaimNamePropertyForTwoDeploymentsIsACollisionNamingTheProperty() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> Generator.bundled()
        .renderAll(new GenerateRequest(Optional.of(TestConfigs.write(dir, """
            instances:
              - name: a
              - name: b
            """)), Map.of("storage.claimName", "shared"), dir.resolve("out"))));

    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertTrue(e.problems().get(0).render().startsWith("-Dsqledge.storage.claimName: instances"
        + " `a` and `b` use the same claim: PersistentVolumeClaim/shared"), e.problems()::toString);
  }

  @Test
  void withoutAPropertyEachFleetInstanceHasItsOwnClaim() throws Exception {
    List<InstanceConfig> fleet = Generator.loadAll(Optional.of(TestConfigs.write(dir, """
        instances:
          - name: a
          - name: b
            storage: {claimName: mine}
        """)), Map.of(), new Problems());

    assertEquals(List.of("a-data", "mine"),
        fleet.stream().map(instance -> instance.storage().claimName()).toList());
  }

  @Test
  void everyDeclaredKeyIsBoundFromTheEmbeddedDefault() {
    Problems problems = new Problems();
    InstanceConfig config = ConfigLoader.load(Optional.empty(), Map.of(), problems).orElseThrow();
    Map<String, Object> values = ConfigValues.of(config);

    assertFalse(problems.hasErrors(), problems.all()::toString);
    for (ConfigSchema.Entry key : ConfigSchema.values()) {
      Object value = ConfigValues.at(values, key.path());
      assertTrue(value != null, key.path() + " is not bound");
    }
    assertEquals(60, config.probes().startup().failureThreshold());
    assertEquals(3, config.probes().readiness().failureThreshold());
    assertEquals("4Gi", config.resources().limits().memory());
  }

  @Test
  void everyDeclaredKeyCanBeSetByItsProperty() {
    for (ConfigSchema.Entry key : ConfigSchema.values()) {
      if (key.kind() == ConfigSchema.Kind.TEXT_MAP || key.kind() == ConfigSchema.Kind.FREE_FORM
          || key.kind() == ConfigSchema.Kind.SETTINGS_LIST) {
        continue; // maps and lists of settings are written in the file
      }
      Problems problems = new Problems();
      ConfigLoader.load(Optional.empty(), Map.of(key.path(), key.defaultValue()
          .replaceAll("^\\[|]$", "")), problems);
      assertTrue(problems.all().stream().noneMatch(p -> p.message().contains("is ignored")),
          key.path() + ": " + problems.all());
    }
  }
}
