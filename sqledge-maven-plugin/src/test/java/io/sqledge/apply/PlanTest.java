package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.ResourceChange.Outcome;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One plan for apply, dry run, diff and delete, on a real API server: a namespace that does not
 * exist yet is planned (every resource new), not failed on.
 */
class PlanTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  @Test
  void diffIntoANamespaceThatDoesNotExistShowsEveryResourceAsNew() throws Exception {
    String ns = cluster.missingNamespace("plandiff");
    Instance db = instance(config(ns, "storage:\n  className: plandiff-disk\n"));

    DiffReport report = new Differ(client).diff(db.manifests(), ns);

    assertEquals(7, report.differing(), report::toString);
    for (DiffReport.ResourceDiff resource : report.resources()) {
      assertFalse(resource.exists(), resource::toString);
      assertEquals("--- /dev/null", resource.unifiedDiff().get(0));
    }
    List<String> deployment = report.resources().get(3).unifiedDiff();
    assertTrue(deployment.contains("+  namespace: " + ns), deployment::toString);
    assertNull(cluster.admin().namespaces().withName(ns).get(), "diff created nothing");
  }

  @Test
  void aDryRunThatMayCreateTheNamespaceReportsEverythingAsToBeCreated() throws Exception {
    String ns = cluster.missingNamespace("plandry");
    ApplyRequest dryRun = instance(config(ns, "storage:\n  className: plandry-disk\n"))
        .request(ns).withDryRun(true).withCreateNamespace(true)
        .withSecretSource(SecretSource.of(SaPassword.of("Dry-Run-Passw0rd"), "the test"));
    RecordingLog log = new RecordingLog();

    ApplyReport report = new Applier(client, log).apply(dryRun);

    assertEquals(List.of("Namespace/" + ns, "Secret/mssql", "Secret/db-app",
            "StorageClass/plandry-disk", "PersistentVolumeClaim/mssql-data", "NetworkPolicy/db",
            "Deployment/db", "Service/db", "ConfigMap/db-accounts"),
        report.changes().stream().map(ResourceChange::resource).toList().subList(0, 9));
    assertTrue(report.changes().stream().allMatch(c -> c.outcome() == Outcome.CREATED),
        report::toString);
    assertTrue(log.all().contains("dry run: Deployment/db (namespace " + ns
        + ") would be created"), log::all);
    assertNull(cluster.admin().namespaces().withName(ns).get(), "a dry run created nothing");
    assertNull(cluster.admin().storage().v1().storageClasses().withName("plandry-disk").get());
  }

  @Test
  void deleteInANamespaceThatDoesNotExistFindsNothing() throws Exception {
    String ns = cluster.missingNamespace("plandel");
    Instance db = instance(config(ns, "storage:\n  className: plandel-disk\n"));

    DeleteReport report = new Deleter(client, new RecordingLog())
        .delete(db.manifests(), ns, db.config().engine().saPassword(), true);

    assertEquals(List.of(), report.removed());
    assertEquals(8, report.absent().size(), report::toString);
  }
}
