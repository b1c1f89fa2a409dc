package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** diff against a real API server: empty when unchanged, the changed lines when not. */
class DifferTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  @Test
  void unchangedIsEmptyAndAChangedImageIsShown() throws Exception {
    String ns = cluster.newNamespace("diff");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, "storage:\n  className: diff-disk\n"));
    new Applier(client, new RecordingLog()).apply(db.request(ns));

    DiffReport unchanged = new Differ(client).diff(db.manifests(), ns);
    assertEquals(0, unchanged.differing(), unchanged::toString);

    Instance changed = instance(config(ns, "storage:\n  className: diff-disk\n"
        + "engine:\n  image: mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04\n"));
    DiffReport report = new Differ(client).diff(changed.manifests(), ns);

    // The Deployment, and a new accounts Job: beside a SQL Server image the job runs that image.
    assertEquals(2, report.differing(), report::toString);
    assertTrue(report.resources().get(6).resource().startsWith("Job/db-accounts-"));
    assertFalse(report.resources().get(6).exists());
    DiffReport.ResourceDiff deployment = report.resources().get(3);
    assertEquals("Deployment/db", deployment.resource());
    List<String> lines = deployment.unifiedDiff();
    assertEquals("--- live/Deployment/db", lines.get(0));
    assertEquals("+++ applied/Deployment/db", lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("-") && l.contains("image: mcr.microsoft.com/azure-sql-edge:1.0.7")), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("+") && l.contains("image: mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04")), lines::toString);
    assertFalse(String.join("\n", lines).contains("managedFields"));
    assertFalse(String.join("\n", lines).contains("resourceVersion"));
    assertEquals("mcr.microsoft.com/azure-sql-edge:1.0.7", cluster.admin().apps().deployments()
        .inNamespace(ns).withName("db").get().getSpec().getTemplate().getSpec().getContainers()
        .get(0).getImage(), "diff changes nothing");
  }

  @Test
  void aMissingResourceIsShownAsCreated() throws Exception {
    String ns = cluster.newNamespace("diffnew");
    DiffReport report = new Differ(client).diff(
        instance(config(ns, "storage:\n  className: diffnew-disk\n")).manifests(), ns);

    assertEquals(7, report.differing());
    assertFalse(report.resources().get(3).exists());
    assertEquals("--- /dev/null", report.resources().get(3).unifiedDiff().get(0));
    assertNull(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get());
  }
}
