package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.verify.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build accepts, a real API server accepts (strict server-side dry run), and what it
 * refuses it refuses with a position and a fix: the classes of disagreement of issue 12 fixed so
 * far, each with the configuration that showed it.
 */
class ClusterAgreementTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  /** Every rendered instance of {@code yaml}, dry-run on the server; fails on any refusal. */
  private List<Generator.Rendered> acceptedByTheServer(String yaml) throws Exception {
    String ns = cluster.newNamespace("agree");
    List<Generator.Rendered> instances = Generator.bundled().renderAll(new GenerateRequest(
        Optional.of(TestConfigs.write(dir, yaml)), Map.of(), dir.resolve("out")));
    for (Generator.Rendered instance : instances) {
      DiffReport report = new Differ(client).diff(instance.manifests(), ns);
      assertEquals(instance.manifests().manifests().size(), report.resources().size());
    }
    return instances;
  }

  private List<Problem> refused(String yaml) {
    SqledgeException e = assertThrows(SqledgeException.class, () -> Generator.loadAll(
        Optional.of(TestConfigs.write(dir, yaml)), Map.of(), new Problems()));
    for (Problem problem : e.problems()) {
      assertTrue(problem.origin().describe().matches("sqledge\\.yaml:\\d+:\\d+"),
          problem::render);
      assertFalse(problem.fix().isBlank(), problem::render);
    }
    return e.problems();
  }

  private static String env(Generator.Rendered instance, String name) {
    for (Manifest manifest : instance.manifests().manifests()) {
      HasMetadata resource = manifest.resource();
      List<Container> containers = resource instanceof StatefulSet s
          ? s.getSpec().getTemplate().getSpec().getContainers()
          : resource instanceof Deployment d
              ? d.getSpec().getTemplate().getSpec().getContainers() : List.of();
      for (Container container : containers) {
        for (EnvVar env : container.getEnv()) {
          if (env.getName().equals(name)) {
            return env.getValue();
          }
        }
      }
    }
    throw new AssertionError("no " + name);
  }

  @Test
  void aStatefulSetWithItsOwnClaimNameMountsItsTemplate() throws Exception {
    acceptedByTheServer("ha: {workload: StatefulSet}\nstorage: {claimName: data, className:"
        + " agree-disk}\n");
    acceptedByTheServer("""
        ha: {workload: StatefulSet}
        storage: {className: agree-fleet-disk}
        instances:
          - name: east
          - name: west
        """);
  }

  @Test
  void aStatefulSetClaimNameWithADotIsRefusedAtItsLine() {
    List<Problem> problems = refused("ha: {workload: StatefulSet}\nstorage: {claimName: my.data}\n");

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().contains("mount the claim template by this name"),
        problems::toString);
  }

  @Test
  void aStatefulSetNameLeavesRoomForTheLabelItsControllerWrites() throws Exception {
    // The API server would take 54 characters (the headless Service's limit); the StatefulSet
    // controller's pods would not (StatefulSetNameTest).
    String longest = "s" + "x".repeat(51);
    acceptedByTheServer("name: " + longest + "\nha: {workload: StatefulSet}\n"
        + "storage: {className: agree-long-disk}\n");

    List<Problem> problems = refused("name: " + longest + "y\nha: {workload: StatefulSet}\n");
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).render().startsWith("sqledge.yaml:1:7: `name` has 53 characters;"
        + " a StatefulSet labels its pods `controller-revision-hash: <name>-<hash>`"),
        problems::toString);
  }

  @Test
  void quantitiesWithExponentsAreNumbersOfTheirValue() throws Exception {
    Generator.Rendered instance = acceptedByTheServer("resources:\n  limits: {memory: 5e9}\n"
        + "storage: {className: agree-exp-disk}\n").get(0);
    assertEquals("3814", env(instance, "MSSQL_MEMORY_LIMIT_MB"), "80% of 5e9 bytes in MiB");

    acceptedByTheServer("resources:\n  limits: {memory: 5e9}\nengine: {memoryLimitMb: 4000}\n"
        + "storage: {className: agree-exp2-disk}\n");
  }

  @Test
  void quantitiesBeyondWhatKubernetesStoresAreRefusedAtTheirLine() {
    for (String quantity : List.of("1e2147483648", "1e999999999", "9223372036854775808")) {
      List<Problem> problems = refused("resources:\n  limits: {memory: \"" + quantity + "\"}\n");
      assertTrue(problems.stream().anyMatch(p -> p.message().contains("beyond the largest"
          + " quantity Kubernetes stores")), quantity + ": " + problems);
    }
    List<Problem> tiny = refused("resources:\n  requests: {cpu: 1e-2147483648}\n");
    assertTrue(tiny.get(0).message().contains("must be positive"), tiny::toString);
  }

  @Test
  void theDerivedMemoryLimitMeetsSqlServersMinimum() throws Exception {
    Generator.Rendered instance = acceptedByTheServer("resources:\n  requests: {memory: 2Gi}\n"
        + "  limits: {memory: 2Gi}\nstorage: {className: agree-min-disk}\n").get(0);

    assertEquals("2048", env(instance, "MSSQL_MEMORY_LIMIT_MB"));
  }

  @Test
  void yamlTagsAndOtherBasesAreRefusedAtTheirLine() {
    for (String yaml : List.of("name: !!binary c3FsZWRnZQ==\n", "name: !!timestamp orders\n",
        "storage: !mytag {size: 8Gi}\n", "labels: !!omap [{a: b}]\n", "service: {port: !!str 1433}\n")) {
      List<Problem> problems = refused(yaml);
      assertEquals(1, problems.size(), yaml + problems);
      assertTrue(problems.get(0).message().startsWith("the YAML tag `"), yaml + problems);
    }
    List<Problem> octal = refused("service:\n  port: 01433\n");
    assertEquals("sqledge.yaml:2:9: `service.port` is written `01433`, which YAML 1.1 reads as 795"
        + " (a leading 0 means octal; 0x, 0o and 0b other bases)", octal.get(0).render().lines()
        .findFirst().orElseThrow());
    assertEquals(1, refused("engine:\n  tcpPort: 0x599\n").size());
  }

  @Test
  void labelValuesKeysProvisionersAndNetworksAreCheckedAsTheServerChecksThem() throws Exception {
    acceptedByTheServer("""
        annotations: {example.com/note: "a\\x01b\\tc\\u2028d\\uFEFFe"}
        pod:
          nodeSelector: {example.com/pool: db-pool_2.a}
        storage: {className: agree-values-disk, provisioner: Example.com/My_Driver-2}
        service:
          loadBalancerSourceRanges: ["2001:db8::/32", "::/0", "2001:DB8:0:0:8:800:200C:417A/128",
            "10.0.0.0/8"]
        """);
    // Leading zeros: taken by the server in these legacy IP fields, so by the build (warned).
    acceptedByTheServer("""
        storage: {className: agree-zeros-disk}
        service:
          loadBalancerIP: 010.020.0.15
          loadBalancerSourceRanges: ["010.0.0.0/8"]
        """);

    assertTrue(refused("pod:\n  nodeSelector: {pool: \"db pool\"}\n").get(0).message()
        .contains("is not a valid label value"));
    assertTrue(refused("pod:\n  nodeSelector: {pool: " + "x".repeat(64) + "}\n").get(0)
        .message().contains("is not a valid label value"));
    assertTrue(refused("labels: {" + "a".repeat(254) + "/team: orders}\n").get(0).message()
        .contains("is not a valid Kubernetes label key"));
    assertTrue(refused("storage: {provisioner: \"disk csi\"}\n").get(0).message()
        .contains("is not a provisioner name"));

    List<Problem> networks = refused("service:\n  loadBalancerSourceRanges: [\"12345::/64\","
        + " \"1:2:3:4:5:6:7:8:9/64\", 10.0.0.0/33, \"::/129\", 10.0.0.0/8]\n");
    assertEquals(4, networks.size(), "every bad entry: " + networks);
  }

  @Test
  void annotationsBeyondWhatTheServerStoresAreRefused() {
    String big = "x".repeat(200 * 1024);
    List<Problem> problems = refused("annotations: {a: " + big + ", b: " + big + "}\n");

    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).message().contains("more than the 262144 the API server accepts"),
        problems::toString);
  }

  @Test
  void aHugeValueIsShortenedWhereAMessageEchoesIt() {
    String huge = "X".repeat(200_000);
    for (String yaml : List.of("name: " + huge + "\n", "engine: {edition: " + huge + "}\n",
        "ha: {workload: " + huge + "}\n", "service: {loadBalancerSourceRanges: [" + huge + "]}\n",
        "storage: {size: " + huge + "}\n")) {
      List<Problem> problems = refused(yaml);
      for (Problem problem : problems) {
        assertTrue(problem.render().length() < 1_000, () -> problem.render().substring(0, 300));
      }
    }
  }
}
