package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.TestThreads;
import io.sqledge.apply.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet over two sites, each a real kube-apiserver of its own: the goals connect to each site,
 * work on both at once, and report them in a table; a site whose server stops in the middle of a
 * run fails alone, and the build fails at the end naming it.
 */
class SitesTest {

  private static final String PASSWORD = "Sites-Test-Passw0rd#42";

  /** The north site: the shared API server. */
  private static final RealCluster north = RealCluster.shared();
  /** The south site: a server of its own, which a test stops. */
  private static RealCluster south;

  @TempDir Path basedir;

  private final CapturingLog log = new CapturingLog();
  private MavenProject project;
  private String namespace;

  @BeforeAll
  static void startSouth() {
    south = RealCluster.start();
  }

  @AfterAll
  static void stopSouth() {
    south.stop();
  }

  @BeforeEach
  void project() throws Exception {
    project = MojoProjects.project(basedir);
    namespace = north.newNamespace("sites");
    createNamespace(south);
    write(south);
  }

  /**
   * One instance `db` per site, each site naming its kubeconfig: the same name and namespace on
   * two clusters do not collide. A bare API server runs no job, hence no databases; its claims
   * wait for a pod that never comes, and behind a ClusterIP Service the address is known without
   * a load balancer: apply waits for the Deployment only.
   */
  private void write(RealCluster southern) throws Exception {
    Path file = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "apiVersion: sqledge/v1\nnamespace: " + namespace
        + "\ndatabases: []\nservice: {type: ClusterIP}\n"
        + "storage:\n  className: sites-" + namespace + "\n"
        + "  volumeBindingMode: WaitForFirstConsumer\n"
        + "instances:\n"
        + "  - name: db\n    cluster: {name: north, kubeconfig: " + north.kubeconfig() + "}\n"
        + "  - name: db\n    cluster: {name: south, kubeconfig: " + southern.kubeconfig() + "}\n");
  }

  private void createNamespace(RealCluster cluster) {
    cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(namespace).endMetadata().build()).create();
  }

  private <T extends ClusterGoal> T configure(T mojo) throws Exception {
    MojoProjects.configure(mojo, project, new Settings(), north.kubeconfig(), log);
    // No default kubeconfig: every instance names its own.
    setVariableValueToObject(mojo, "kubeconfig", null);
    setVariableValueToObject(mojo, "timeout", 60);
    return mojo;
  }

  private ApplyMojo apply(boolean wait) throws Exception {
    ApplyMojo apply = configure(new ApplyMojo());
    setVariableValueToObject(apply, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    setVariableValueToObject(apply, "saPasswordFrom", "env");
    setVariableValueToObject(apply, "saPasswordServerId", "sqledge");
    setVariableValueToObject(apply, "wait", wait);
    apply.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);
    return apply;
  }

  private Deployment deployment(RealCluster cluster) {
    return cluster.admin().apps().deployments().inNamespace(namespace).withName("db").get();
  }

  @Test
  void eachSiteIsAppliedOnItsOwnClusterAndReportedInATable() throws Exception {
    apply(false).execute();

    assertNotNull(deployment(north));
    assertNotNull(deployment(south));
    String said = log.all();
    assertTrue(said.contains("INFO sqledge: north: applying to " + north.admin().getMasterUrl()),
        said);
    assertTrue(said.contains("INFO sqledge: south: applying to " + south.admin().getMasterUrl()),
        said);
    List<String> table = said.lines().dropWhile(line -> !line.contains("SITE ")).limit(3)
        .toList();
    assertEquals(3, table.size(), said);
    assertTrue(table.get(0).matches("INFO sqledge: SITE +INSTANCES +RESULT +TOOK +ENDPOINT"),
        table::toString);
    String endpoint = "db\\." + namespace + "\\.svc\\.cluster\\.local,1433";
    assertTrue(table.get(1).matches("INFO sqledge: north +1 +6 created, 0 configured,"
        + " 0 unchanged +[0-9.]+s +" + endpoint), table::toString);
    assertTrue(table.get(2).matches("INFO sqledge: south +1 +6 created, 0 configured,"
        + " 0 unchanged +[0-9.]+s +" + endpoint), table::toString);
    // The output has a directory per site, each with what its cluster needs and nothing else.
    Path output = basedir.resolve("target/sqledge");
    assertTrue(Files.isRegularFile(output.resolve("north/db/kustomization.yaml")));
    assertTrue(Files.isRegularFile(output.resolve("south/manifests.yaml")));
    assertFalse(Files.exists(output.resolve("manifests.yaml")));

    // -Dsqledge.sites limits the run: the south site's objects are left as they are.
    DeleteMojo delete = configure(new DeleteMojo());
    setVariableValueToObject(delete, "sites", "south");
    delete.execute();
    assertNull(deployment(south));
    assertNotNull(deployment(north));
  }

  @Test
  void aSiteNotInTheConfigurationIsRefusedBeforeAnyIsContacted() throws Exception {
    StatusMojo status = configure(new StatusMojo());
    setVariableValueToObject(status, "sites", "nort");

    MojoFailureException e = assertThrows(MojoFailureException.class, status::execute);

    assertEquals("sqledge: -Dsqledge.sites names sites the configuration does not have:\n"
        + "  -Dsqledge.sites: there is no site `nort`\n"
        + "    fix: did you mean `north`? the configuration's sites are north, south",
        e.getMessage());
    assertFalse(log.all().contains("applying"), log::all);
  }

  @Test
  void failoverAndRestoreWorkOnOneSiteAndAskWhich() throws Exception {
    FailoverMojo failover = configure(new FailoverMojo());
    setVariableValueToObject(failover, "node", "node-1");

    MojoFailureException e = assertThrows(MojoFailureException.class, failover::execute);

    assertEquals("sqledge: failover works on one site at a time, and the configuration has 2:"
        + " north, south\n    fix: pick one with -Dsqledge.sites=north", e.getMessage());
    RestoreMojo restore = configure(new RestoreMojo());
    setVariableValueToObject(restore, "database", "app");
    setVariableValueToObject(restore, "sites", "north,south");
    e = assertThrows(MojoFailureException.class, restore::execute);
    assertEquals("sqledge: restore works on one instance, and the configuration describes 2\n"
        + "    fix: run it with a configuration of the one instance to restore", e.getMessage());
    assertFalse(log.all().contains("north:"), "no site was contacted");
  }

  /**
   * A south server of its own stops while apply waits for both sites: north is applied and
   * ready, south fails with the reason, and the build fails at the end naming it.
   */
  @Test
  void aSiteStoppedInTheMiddleOfTheRunFailsAloneAndTheBuildNamesIt() throws Exception {
    RealCluster doomed = RealCluster.start();
    createNamespace(doomed);
    write(doomed);
    ApplyMojo apply = apply(true);
    // The south server is stopped once apply waits there; then north gets what its Deployment
    // controller and volume binder would write once its pod is available.
    CompletableFuture<Void> sites = TestThreads.beside("sites", () -> {
      awaitLine("south: waiting for Deployment/db to roll out");
      awaitLine("north: waiting for Deployment/db to roll out");
      doomed.stop();
      becomeReady(north.admin());
    });

    MojoFailureException e = assertThrows(MojoFailureException.class, apply::execute);
    sites.get();

    String said = log.all();
    assertTrue(e.getMessage().startsWith("sqledge: 1 of 2 sites failed; the others were done:\n"
        + "  site south: "), e::getMessage);
    assertTrue(e.getMessage().contains("cannot reach the API server at "
        + doomed.admin().getMasterUrl()), e::getMessage);
    assertTrue(e.getMessage().endsWith("fix: see each site's error above, then run the goal"
        + " again for them only: -Dsqledge.sites=south"), e::getMessage);
    assertTrue(said.contains("INFO sqledge: north: ready: Deployment/db to roll out"), said);
    assertTrue(said.contains("ERROR sqledge: site south: "), said);
    assertTrue(said.lines().anyMatch(line -> line.matches(
        "INFO sqledge: north +1 +6 created, 0 configured, 0 unchanged +[0-9.]+s +db\\."
            + namespace + "\\.svc\\.cluster\\.local,1433")), said);
    assertTrue(said.lines().anyMatch(line -> line.matches(
        "INFO sqledge: south +1 +failed: .*cannot reach the API server.*")), said);
    assertEquals("db." + namespace + ".svc.cluster.local",
        project.getProperties().getProperty("sqledge.north.db.host"));
    assertNull(project.getProperties().getProperty("sqledge.south.db.host"));
    assertFalse(said.contains(PASSWORD), "the SA password is in the log");
  }

  private void awaitLine(String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!log.all().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never logged `" + text + "`:\n" + log.all());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The Deployment rolled out and its claim bound, as the controllers of a cluster write it. */
  private void becomeReady(KubernetesClient admin) {
    Deployment live = admin.apps().deployments().inNamespace(namespace).withName("db").require();
    live.setStatus(new DeploymentStatusBuilder()
        .withObservedGeneration(live.getMetadata().getGeneration())
        .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
        .build());
    admin.apps().deployments().inNamespace(namespace).resource(live).updateStatus();
    PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(namespace)
        .withName("db-data").require();
    claim.getStatus().setPhase("Bound");
    admin.persistentVolumeClaims().inNamespace(namespace).resource(claim).updateStatus();
  }
}
