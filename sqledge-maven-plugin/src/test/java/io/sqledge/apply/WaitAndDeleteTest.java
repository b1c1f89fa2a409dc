package io.sqledge.apply;

import static io.sqledge.TestThreads.beside;
import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.SqledgeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waiting and deleting against a real kube-apiserver. No pod ever runs there (no nodes, no
 * controllers), so the test plays the controllers: it writes the status a cluster would.
 */
class WaitAndDeleteTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  private static ApplyRequest waiting(Instance db, String ns, Duration timeout) {
    return db.request(ns).withWait(timeout);
  }

  /** What the PV controller, the Deployment controller and a cloud LB would write. */
  private static void becomeReady(String ns) {
    KubernetesClient admin = cluster.admin();
    bind(ns);
    rollOut(ns);
    retry(() -> {
      Service service = admin.services().inNamespace(ns).withName("db").require();
      service.getStatus().getLoadBalancer().setIngress(List.of(
          new LoadBalancerIngressBuilder().withIp("192.0.2.10").build()));
      admin.services().inNamespace(ns).resource(service).updateStatus();
    });
  }

  /** What the PV controller writes once the claim has a volume. */
  private static void bind(String ns) {
    KubernetesClient admin = cluster.admin();
    retry(() -> {
      PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(ns)
          .withName("mssql-data").require();
      claim.getStatus().setPhase("Bound");
      admin.persistentVolumeClaims().inNamespace(ns).resource(claim).updateStatus();
    });
  }

  /** What the Deployment controller writes once the new pod is available. */
  private static void rollOut(String ns) {
    retry(() -> {
      Deployment deployment = cluster.admin().apps().deployments().inNamespace(ns).withName("db")
          .require();
      deployment.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(deployment.getMetadata().getGeneration())
          .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
          .build());
      cluster.admin().apps().deployments().inNamespace(ns).resource(deployment).updateStatus();
    });
  }

  /** Waits until {@code log} has a line with {@code text}, for at most 60 seconds. */
  private static void awaitLine(RecordingLog log, String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!log.all().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("apply never logged `" + text + "`:\n" + log.all());
      }
      sleep(50);
    }
  }

  /** Runs {@code write} until it succeeds: the resource may not exist yet. */
  private static void retry(Runnable write) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        sleep(100);
      }
    }
  }

  @Test
  void waitsForTheClaimTheRolloutAndTheAddressThenPrintsTheEndpoint() throws Exception {
    String ns = cluster.newNamespace("wait");
    createSecret(cluster, ns);
    // A bare API server runs no job controller: without databases there is no accounts job to
    // wait for (AccountsOnTheClusterTest waits for it on the simulated cluster).
    Instance db = instance(config(ns, "storage:\n  className: wait-immediate\n"
        + "  volumeBindingMode: Immediate\ndatabases: []\n"));
    RecordingLog log = new RecordingLog();
    // The controllers act once apply has seen the claim pending, however long applying took.
    CompletableFuture<Void> controllers = beside("controllers", () -> {
      awaitLine(log, "waiting for PersistentVolumeClaim/mssql-data to be bound: phase Pending");
      becomeReady(ns);
    });

    ApplyReport report = new Applier(client, log).apply(waiting(db, ns, Duration.ofSeconds(60)));
    controllers.get();

    assertEquals(Optional.of("192.0.2.10,1433"), report.endpoint().map(Endpoint::toString));
    String said = log.all();
    assertTrue(said.contains("waiting for PersistentVolumeClaim/mssql-data to be bound: phase Pending"), said);
    assertTrue(said.contains("ready: PersistentVolumeClaim/mssql-data to be bound"), said);
    assertTrue(said.contains("ready: Deployment/db to roll out"), said);
    assertTrue(said.contains("ready: Service/db to get a load-balancer address"), said);
  }

  @Test
  void aClaimThatBindsOnFirstConsumerIsCheckedAfterTheRollout() throws Exception {
    String ns = cluster.newNamespace("wffc");
    createSecret(cluster, ns);
    // A bare API server runs no job controller: without databases there is no accounts job to
    // wait for (AccountsOnTheClusterTest waits for it on the simulated cluster).
    Instance db = instance(config(ns, "service:\n  type: ClusterIP\ndatabases: []\n"));
    RecordingLog log = new RecordingLog();
    CompletableFuture<Void> controllers = beside("controllers", () -> {
      rollOut(ns);
      bind(ns);
    });

    ApplyReport report = new Applier(client, log).apply(waiting(db, ns, Duration.ofSeconds(60)));
    controllers.get();

    String said = log.all();
    assertTrue(said.contains("binds when its pod is scheduled (WaitForFirstConsumer)"), said);
    assertTrue(said.indexOf("ready: Deployment/db to roll out")
        < said.indexOf("ready: PersistentVolumeClaim/mssql-data to be bound"), said);
    assertEquals(Optional.of("db." + ns + ".svc.cluster.local,1433"),
        report.endpoint().map(Endpoint::toString));
  }

  @Test
  void waitingTimesOutWithWhatIsMissingAndWhatToLookAt() throws Exception {
    String ns = cluster.newNamespace("timeout");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, ""));
    RecordingLog log = new RecordingLog();

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> new Applier(client, log).apply(waiting(db, ns, Duration.ofSeconds(2))));

    assertEquals("sqledge: timed out after 2s waiting for Deployment/db to roll out\n"
        + "  Deployment/db to roll out: still 0 of 1 replicas available (rollout not started)"
        + " after 2s\n    fix: look at kubectl rollout status deployment/db -n " + ns
        + " and kubectl get events -n " + ns + "; raise -Dsqledge.timeout=<seconds> or skip"
        + " waiting with -Dsqledge.wait=false", e.getMessage());
    assertTrue(log.all().contains("waiting for Deployment/db to roll out: 0 of 1 replicas"
        + " available (rollout not started) (0s of 2s)"), log::all);
  }

  @Test
  void deleteRemovesTheWorkloadAndKeepsTheData() throws Exception {
    String ns = cluster.newNamespace("delete");
    Instance db = instance(config(ns, "storage:\n  className: delete-keep\n"));
    new Applier(client, new RecordingLog()).apply(db.request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of("Del-Passw0rd!"), "test")));
    RecordingLog log = new RecordingLog();

    DeleteReport report = new Deleter(client, log).delete(db.manifests(), ns,
        db.config().engine().saPassword(), false);

    assertEquals(List.of("Job/" + accountsJob(db), "ConfigMap/db-accounts", "Service/db",
        "Deployment/db", "NetworkPolicy/db"), report.removed());
    assertEquals(3, report.kept().size(), report::toString);
    assertTrue(report.kept().contains("PersistentVolumeClaim/mssql-data (holds the data;"
        + " -Dsqledge.deleteData=true removes it)"), report::toString);
    assertNull(cluster.admin().services().inNamespace(ns).withName("db").get());
    assertNotNull(cluster.admin().persistentVolumeClaims().inNamespace(ns).withName("mssql-data").get());
    assertNotNull(cluster.admin().secrets().inNamespace(ns).withName("mssql").get());
    assertNotNull(cluster.admin().storage().v1().storageClasses().withName("delete-keep").get());
    assertNotNull(cluster.admin().namespaces().withName(ns).get(), "the namespace is never deleted");
  }

  @Test
  void deleteDataRemovesTheClaimTheClassAndOurSecretButNeverTheNamespace() throws Exception {
    String ns = cluster.newNamespace("purge");
    Instance db = instance(config(ns, "storage:\n  className: delete-purge\n"));
    new Applier(client, new RecordingLog()).apply(db.request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of("Del-Passw0rd!"), "test")));

    DeleteReport report = new Deleter(client, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), true);

    assertEquals(List.of("Secret/mssql", "Job/" + accountsJob(db), "ConfigMap/db-accounts",
        "Service/db", "Deployment/db", "NetworkPolicy/db", "PersistentVolumeClaim/mssql-data",
        "StorageClass/delete-purge"), report.removed());
    assertNull(cluster.admin().storage().v1().storageClasses().withName("delete-purge").get());
    assertNotNull(cluster.admin().namespaces().withName(ns).get());

    DeleteReport again = new Deleter(client, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), true);
    assertTrue(again.removed().isEmpty(), again::toString);
  }

  @Test
  void deleteDataKeepsAStorageClassAnotherInstanceStillUses() throws Exception {
    String first = cluster.newNamespace("shared-a");
    String second = cluster.newNamespace("shared-b");
    Instance a = instance(config(first, "storage:\n  className: delete-shared\n"));
    Instance b = instance(config(second, "storage:\n  className: delete-shared\n"));
    for (String ns : List.of(first, second)) {
      new Applier(client, new RecordingLog()).apply((ns.equals(first) ? a : b).request(ns)
          .withSecretSource(SecretSource.of(SaPassword.of("Del-Passw0rd!"), "test")));
    }

    DeleteReport report = new Deleter(client, new RecordingLog()).delete(a.manifests(), first,
        a.config().engine().saPassword(), true);

    assertTrue(report.kept().contains("StorageClass/delete-shared (still used by"
        + " PersistentVolumeClaim/mssql-data in namespace " + second + ")"), report::toString);
    assertNotNull(cluster.admin().storage().v1().storageClasses().withName("delete-shared").get());

    DeleteReport last = new Deleter(client, new RecordingLog()).delete(b.manifests(), second,
        b.config().engine().saPassword(), true);
    assertTrue(last.removed().contains("StorageClass/delete-shared"), last::toString);
  }

  @Test
  void deleteDataKeepsTheStorageClassWhenItMayNotListTheClusterClaims() throws Exception {
    String ns = cluster.newNamespace("unlisted");
    Instance db = instance(config(ns, "storage:\n  className: delete-unlisted\n"));
    new Applier(client, new RecordingLog()).apply(db.request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of("Del-Passw0rd!"), "test")));
    // Rights to read and delete the instance, but not to list claims in every namespace.
    cluster.admin().rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
        .withName("unlisted-" + ns).endMetadata()
        .addNewRule().withApiGroups("").withResources("namespaces").withVerbs("get").endRule()
        .addNewRule().withApiGroups("storage.k8s.io").withResources("storageclasses")
        .withVerbs("get", "delete").endRule().build()).create();
    cluster.admin().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
        .withNewMetadata().withName("unlisted-" + ns).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "unlisted-" + ns)
        .addNewSubject().withKind("ServiceAccount").withName("deleter").withNamespace(ns)
        .endSubject().build()).create();
    cluster.admin().rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata()
        .withName("deleter").endMetadata()
        .addNewRule().withApiGroups("").withResources("services", "secrets",
            "persistentvolumeclaims", "configmaps").withVerbs("get", "list", "delete").endRule()
        .addNewRule().withApiGroups("apps").withResources("deployments")
        .withVerbs("get", "delete").endRule()
        .addNewRule().withApiGroups("batch").withResources("jobs")
        .withVerbs("get", "delete").endRule()
        .addNewRule().withApiGroups("networking.k8s.io").withResources("networkpolicies")
        .withVerbs("get", "delete").endRule().build()).create();
    cluster.admin().rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("deleter").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "deleter")
        .addNewSubject().withKind("ServiceAccount").withName("deleter").withNamespace(ns)
        .endSubject().build()).create();
    KubernetesClient deleter = ClusterConnector.connect(new ClusterSettings(
        Optional.of(cluster.serviceAccountKubeconfig(ns, "deleter")), Optional.empty(),
        Duration.ofSeconds(10)));

    DeleteReport report = new Deleter(deleter, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), true);

    assertTrue(report.removed().contains("PersistentVolumeClaim/mssql-data"), report::toString);
    assertTrue(report.kept().contains("StorageClass/delete-unlisted (cannot list the cluster's"
        + " claims to tell whether another one uses it)"), report::toString);
    assertNotNull(cluster.admin().storage().v1().storageClasses().withName("delete-unlisted")
        .get());
  }

  @Test
  void deleteDataKeepsASecretSqledgeDidNotCreate() throws Exception {
    String ns = cluster.newNamespace("foreign");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, "storage:\n  className: delete-foreign\n"));
    new Applier(client, new RecordingLog()).apply(db.request(ns));

    DeleteReport report = new Deleter(client, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), true);

    assertTrue(report.kept().contains("Secret/mssql (not created by sqledge)"), report::toString);
    assertNotNull(cluster.admin().secrets().inNamespace(ns).withName("mssql").get());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The name of the instance's accounts Job, which ends with a digest of what it runs. */
  private static String accountsJob(Instance db) {
    return db.manifests().manifests().stream().filter(m -> m.kind().equals("Job"))
        .findFirst().orElseThrow().name();
  }
}
