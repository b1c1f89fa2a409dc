package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.TestConfigs;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import io.sqledge.generate.GenerateRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply never takes over an object it did not make, on a real API server: not another team's
 * Service of the same name, not another sqledge instance's claim, and not the API server's own
 * {@code default/kubernetes} Service, which the build refuses before a cluster is asked.
 */
class OwnershipTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  private static ApplyReport apply(ApplyRequest request) throws SqledgeException {
    return new Applier(client, new RecordingLog()).apply(request);
  }

  /** A Service named like the instance, made by another tool, with nothing of ours in it. */
  private static Service foreignService(String ns) {
    return cluster.admin().services().inNamespace(ns).resource(new ServiceBuilder()
        .withNewMetadata().withName("db").addToLabels("team", "payments").endMetadata()
        .withNewSpec().addNewPort().withName("http").withPort(8080).endPort().endSpec().build())
        .fieldManager("payments-deployer").serverSideApply();
  }

  @Test
  void anotherTeamsServiceIsRefusedBeforeAnythingIsWritten() throws Exception {
    String ns = cluster.newNamespace("foreign");
    createSecret(cluster, ns);
    Service before = foreignService(ns);

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> apply(instance(config(ns, "")).request(ns)));

    assertEquals("sqledge: apply would change objects it did not make; nothing was applied",
        e.getMessage().lines().findFirst().orElseThrow());
    assertEquals(1, e.problems().size(), e.problems()::toString);
    Problem problem = e.problems().get(0);
    assertEquals("Service/db in namespace " + ns + ": Service/db is not sqledge's to change: it"
        + " exists and was not made by sqledge: its field managers are payments-deployer",
        problem.render().lines().findFirst().orElseThrow());
    assertTrue(problem.fix().contains("-Dsqledge.adopt=true"), problem::fix);
    // Nothing was written: not the claim, not the Deployment, and not the Service.
    assertNull(cluster.admin().persistentVolumeClaims().inNamespace(ns).withName("mssql-data")
        .get());
    assertNull(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get());
    Service after = cluster.admin().services().inNamespace(ns).withName("db").get();
    assertEquals(before.getMetadata().getResourceVersion(),
        after.getMetadata().getResourceVersion());
    assertTrue(after.getSpec().getSelector() == null || after.getSpec().getSelector().isEmpty(),
        () -> "selector " + after.getSpec().getSelector());
  }

  @Test
  void aSecretMadeWithKubectlIsNotOverwrittenByAPasswordFromTheBuild() throws Exception {
    String ns = cluster.newNamespace("foreign-secret");
    createSecret(cluster, ns);
    String before = cluster.admin().secrets().inNamespace(ns).withName("mssql").get()
        .getMetadata().getResourceVersion();
    ApplyRequest request = instance(config(ns, "")).request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of("Build-Passw0rd-42"), "the environment"));

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(request));

    assertTrue(e.problems().get(0).message().startsWith("Secret/mssql is not sqledge's to change"),
        e::getMessage);
    assertFalse(e.getMessage().contains("Build-Passw0rd-42"), e::getMessage);
    assertEquals(before, cluster.admin().secrets().inNamespace(ns).withName("mssql").get()
        .getMetadata().getResourceVersion());
  }

  @Test
  void diffSaysApplyWouldRefuseIt() throws Exception {
    String ns = cluster.newNamespace("foreign-diff");
    foreignService(ns);

    DiffReport report = new Differ(client).diff(instance(config(ns, "")).manifests(), ns);

    assertEquals(List.of("Service/db"), report.resources().stream()
        .filter(resource -> resource.notOurs().isPresent())
        .map(DiffReport.ResourceDiff::resource).toList());
  }

  @Test
  void adoptTakesTheServiceOver() throws Exception {
    String ns = cluster.newNamespace("adopt");
    createSecret(cluster, ns);
    foreignService(ns);

    apply(instance(config(ns, "")).request(ns).withAdopt(true));

    Service after = cluster.admin().services().inNamespace(ns).withName("db").get();
    assertEquals("db", after.getSpec().getSelector().get("app.kubernetes.io/instance"));
    // Applied again, it is ours now: no adopt needed.
    apply(instance(config(ns, "")).request(ns));
  }

  @Test
  void anotherInstancesClaimIsRefused() throws Exception {
    String ns = cluster.newNamespace("two-projects");
    createSecret(cluster, ns);
    apply(instance(config(ns, "storage:\n  claimName: shared-data\n")).request(ns));
    Instance other = instance("apiVersion: sqledge/v1\nname: db2\nnamespace: " + ns
        + "\nstorage:\n  claimName: shared-data\n");

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(other.request(ns)));

    assertEquals(List.of("PersistentVolumeClaim/shared-data in namespace " + ns
            + ": PersistentVolumeClaim/shared-data is not sqledge's to change: it belongs to"
            + " another sqledge instance, `db`"),
        e.problems().stream().map(p -> p.render().lines().findFirst().orElseThrow()).toList());
    assertNull(cluster.admin().apps().deployments().inNamespace(ns).withName("db2").get());
  }

  @Test
  void theApiServersOwnServiceIsRefusedByTheBuildAndByApply() throws Exception {
    // The build: an instance named kubernetes in namespace default never reaches a cluster.
    SqledgeException build = assertThrows(SqledgeException.class, () -> Generator.bundled()
        .renderAll(new GenerateRequest(Optional.of(TestConfigs.write(dir,
            "apiVersion: sqledge/v1\nname: kubernetes\nnamespace: default\n")), Map.of(),
            dir.resolve("out"))));
    assertTrue(build.problems().get(0).render().startsWith("sqledge.yaml:2:7: an instance named"
        + " `kubernetes` in namespace default makes a Service named like the API server's own"),
        build::getMessage);

    // Apply, should a build get past that (a project template, a namespace chosen at apply):
    // the API server's Service has no field manager or label of ours.
    Service before = cluster.admin().services().inNamespace("default").withName("kubernetes")
        .get();
    Instance named = instance("apiVersion: sqledge/v1\nname: kubernetes\nnamespace: elsewhere\n");

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> apply(named.request("default")));

    assertTrue(e.problems().stream().anyMatch(p -> p.message().startsWith(
        "Service/kubernetes is not sqledge's to change: it exists and was not made by sqledge")),
        e::getMessage);
    Service after = cluster.admin().services().inNamespace("default").withName("kubernetes").get();
    assertEquals(before.getMetadata().getResourceVersion(),
        after.getMetadata().getResourceVersion());
    assertEquals(before.getSpec().getPorts(), after.getSpec().getPorts());
    assertTrue(after.getSpec().getSelector() == null || after.getSpec().getSelector().isEmpty(),
        () -> "selector " + after.getSpec().getSelector());
  }
}
