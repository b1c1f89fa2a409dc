package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One configuration, many instances: shared settings, per-instance overrides, collisions. */
class FleetTest {

  private static final String FLEET = """
      apiVersion: sqledge/v1
      namespace: stores
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04
        edition: Standard
      storage:
        size: 16Gi
      instances:
        - name: store-001
        - name: store-002
          storage:
            size: 64Gi
          service:
            annotations:
              example.com/site: "Berlin"
        - name: store-003
          namespace: flagship
          engine:
            edition: Enterprise
      """;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TempDir Path dir;

  private GenerateResult generate(String yaml) throws Exception {
    ConfigSource source = TestConfigs.write(dir, yaml);
    return Generator.bundled().generate(new GenerateRequest(Optional.of(source), Map.of(),
        dir.resolve("out")));
  }

  /** The resource of this type written into an instance's directory, as fabric8 reads it. */
  private <T> T written(String instance, Class<T> type) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("out").resolve(instance))) {
      for (Path file : files.sorted().toList()) {
        Object resource = SERIALIZATION.unmarshal(Files.readString(file));
        if (type.isInstance(resource)) {
          return type.cast(resource);
        }
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " written for " + instance);
  }

  @Test
  void eachInstanceGetsTheSharedSettingsAndItsOwn() throws Exception {
    GenerateResult result = generate(FLEET);

    assertEquals(List.of("store-001", "store-002", "store-003"), result.instances());
    assertEquals("16Gi", written("store-001", PersistentVolumeClaim.class).getSpec()
        .getResources().getRequests().get("storage").toString());
    assertEquals("64Gi", written("store-002", PersistentVolumeClaim.class).getSpec()
        .getResources().getRequests().get("storage").toString());
    assertEquals("store-001-data", written("store-001", PersistentVolumeClaim.class)
        .getMetadata().getName(), "instances in one namespace get their own claims");
    assertEquals("stores", written("store-001", Deployment.class).getMetadata().getNamespace());
    assertEquals("flagship", written("store-003", Deployment.class).getMetadata().getNamespace());
    assertEquals("Berlin", written("store-002", Service.class).getMetadata().getAnnotations()
        .get("example.com/site"));
    assertEquals("Enterprise", written("store-003", Deployment.class).getSpec().getTemplate()
        .getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("MSSQL_PID")).findFirst().orElseThrow().getValue());

    Path out = dir.resolve("out");
    for (String name : List.of("store-001", "store-002", "store-003")) {
      assertTrue(Files.isRegularFile(out.resolve(name + "/kustomization.yaml")), name);
    }
    String combined = Files.readString(out.resolve("manifests.yaml"));
    assertEquals(1, combined.split("kind: StorageClass", -1).length - 1,
        "the shared StorageClass is written once");
    assertEquals(3, combined.split("kind: Deployment", -1).length - 1);
    assertTrue(Files.readString(out.resolve("kustomization.yaml"))
        .contains("  - store-001\n  - store-002\n  - store-003\n"));
  }

  @Test
  void oneNameInTwoNamespacesGetsADirectoryPerNamespace() throws Exception {
    GenerateResult result = generate("""
        apiVersion: sqledge/v1
        instances:
          - name: db
            namespace: team-a
          - name: db
            namespace: team-b
          - name: other
            namespace: team-a
        """);

    assertEquals(List.of("team-a/db", "team-b/db", "other"), result.instances());
    assertEquals("team-b", written("team-b/db", Deployment.class).getMetadata().getNamespace());
    assertEquals("team-a", written("team-a/db", Service.class).getMetadata().getNamespace());
    String root = Files.readString(dir.resolve("out/kustomization.yaml"));
    assertTrue(root.contains("  - team-a/db\n  - team-b/db\n  - other\n"), root);
  }

  @Test
  void oneNameWithAndWithoutANamespaceCollides() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        apiVersion: sqledge/v1
        instances:
          - name: db
          - name: db
            namespace: default
        """));

    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertEquals("sqledge.yaml:5:16: two instances are named `db`, one in namespace default and"
        + " one without a namespace: where the current namespace is default, their resources"
        + " would overwrite each other",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void twoInstancesWithOneNameInOneNamespaceCollide() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        instances:
          - name: store-001
          - name: store-001
        """));

    Problem problem = e.problems().get(0);
    assertEquals(3, problem.origin().line());
    assertTrue(problem.message().contains("two instances are named `store-001`"), e::getMessage);
    assertTrue(Files.notExists(dir.resolve("out")));
  }

  /** Every file under {@code root} with its text, by relative path. */
  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }

  @Test
  void aCollisionFoundAfterInstancesWereWrittenLeavesTheEarlierOutputAsItWas() throws Exception {
    generate(FLEET);
    Map<String, String> before = contents(dir.resolve("out"));

    // The first three instances reach the staging directory before the fourth collides.
    assertThrows(SqledgeException.class, () -> generate("""
        instances:
          - name: a
          - name: b
          - name: c
          - name: a
        """));

    assertEquals(before, contents(dir.resolve("out")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(), siblings.map(p -> p.getFileName().toString())
          .filter(name -> name.contains("staging")).toList(), "no staging directory left");
    }
  }

  @Test
  void oneStorageClassNameWithTwoDefinitionsCollides() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        instances:
          - name: a
          - name: b
            platform: eks
        """));

    assertTrue(e.getMessage().contains("define the StorageClass `sqledge-disk` differently"),
        e::getMessage);
  }

  @Test
  void errorsPointIntoTheInstanceAndTheSharedPartOnce() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        storage:
          size: 8Gb
        instances:
          - name: a
            servce: {}
          - name: b
          - port: 1
        """));

    List<String> rendered = e.problems().stream().map(Problem::render).toList();
    assertEquals(1, rendered.stream().filter(p -> p.contains("`8Gb`")).count(), rendered::toString);
    assertTrue(rendered.stream().anyMatch(p -> p.startsWith("sqledge.yaml:7:5: `instances[2]` has"
        + " no `name`")), rendered::toString);
  }

  @Test
  void anUnknownKeyInsideAnInstanceNamesItsLine() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        instances:
          - name: a
            servce: {}
        """));

    assertEquals("sqledge.yaml:3:5: unknown key `servce` in `instances[0]`; did you mean `service`?",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void aServiceNamedLikeAnotherInstancesHeadlessServiceCollides() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        instances:
          - name: db
            ha: {workload: StatefulSet}
          - name: db-headless
        """));

    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertEquals("sqledge.yaml:4:11: instances `db` and `db-headless` both make"
        + " Service/db-headless in namespace (current): on the cluster they would be one",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void aClaimEqualToTheClaimAStatefulSetMakesCollides() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> generate("""
        namespace: shop
        instances:
          - name: s
            ha: {workload: StatefulSet}
          - name: d
            storage: {claimName: s-data-s-0}
        """));

    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertEquals("sqledge.yaml:6:26: instances `s` and `d` use the same claim:"
        + " PersistentVolumeClaim/s-data-s-0 in namespace shop",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void aStorageClassSharedAlikeIsNoCollision() throws Exception {
    generate("""
        instances:
          - name: a
            namespace: one
          - name: b
            namespace: two
        """);
  }
}
