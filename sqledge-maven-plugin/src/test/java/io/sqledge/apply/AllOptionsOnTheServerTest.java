package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.AccountsTemplatesTest;
import io.sqledge.render.NetworkPolicyTest;
import io.sqledge.render.PodOptionsTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configurations using every pod option, a NetworkPolicy and the connection ConfigMap are
 * accepted by a real API server, strictly validated.
 */
class AllOptionsOnTheServerTest {

  private static Instance instanceIn(String ns, String settings) throws Exception {
    return instance(config(ns, settings + "storage:\n  className: " + ns + "-disk\n"));
  }

  private static ApplyReport apply(RealCluster cluster, String ns, String settings)
      throws Exception {
    createSecret(cluster, ns);
    return new Applier(ClusterConnector.connect(cluster.settings()), new RecordingLog())
        .apply(instanceIn(ns, settings).request(ns));
  }

  @Test
  void everyOptionIsAcceptedWithStrictFieldValidation() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("options");

    ApplyReport report = apply(cluster, ns, PodOptionsTest.ALL_OPTIONS);

    assertEquals(8, report.changes().size());
    assertEquals("database-critical", cluster.admin().apps().deployments().inNamespace(ns)
        .withName("db").get().getSpec().getTemplate().getSpec().getPriorityClassName());
  }

  @Test
  void databasesAndLoginsAreAcceptedWithStrictFieldValidation() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("accounts");
    cluster.admin().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("reader-password").endMetadata()
        .withStringData(Map.of("password", "Reader-Pass-1")).build()).create();

    ApplyReport report = apply(cluster, ns, AccountsTemplatesTest.DECLARED
        .replace("namespace: shop\nname: db\n", ""));

    List<String> names = ApiErrors.names(report.changes());
    assertEquals(List.of("Secret/db-reader", "Secret/db-sales-owner"), names.subList(0, 2));
    assertTrue(names.contains("ConfigMap/db-accounts"), names::toString);
    assertTrue(names.stream().anyMatch(name -> name.startsWith("Job/db-accounts-")),
        names::toString);
    assertTrue(report.changes().stream().allMatch(c -> c.outcome()
        == ResourceChange.Outcome.CREATED), report::toString);
    var job = cluster.admin().batch().v1().jobs().inNamespace(ns).list().getItems().get(0);
    assertEquals("db-accounts", job.getSpec().getTemplate().getSpec().getVolumes().get(0)
        .getConfigMap().getName());
    assertEquals("reader", new String(Base64.getDecoder().decode(cluster.admin().secrets()
        .inNamespace(ns).withName("db-reader").get().getData().get("username")),
        StandardCharsets.UTF_8));
  }

  @Test
  void theBackupsAreAcceptedWithStrictFieldValidation() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("backups");

    ApplyReport report = apply(cluster, ns, "engine:\n  image: mcr.microsoft.com/mssql/server:"
        + "2022-CU16-ubuntu-22.04\nbackup:\n  full: '0 0 * * 0'\n  differential: '0 */12 * * *'\n"
        + "  log: '*/5 * * * *'\n  timeZone: Europe/Berlin\n  databases: [sales, \"it's\"]\n"
        + "network:\n  allowFrom:\n    - podSelector: {matchLabels: {app: shop}}\n");

    assertEquals(13, report.changes().size());
    assertEquals(List.of("db-backup-differential", "db-backup-full", "db-backup-log"),
        cluster.admin().batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
            .map(c -> c.getMetadata().getName()).sorted().toList());
    assertEquals("Europe/Berlin", cluster.admin().batch().v1().cronjobs().inNamespace(ns)
        .withName("db-backup-log").get().getSpec().getTimeZone());
  }

  @ParameterizedTest
  @CsvSource({"backups-s3,2022-CU16-ubuntu-22.04,s3://s3.eu-west-1.amazonaws.com/shop-backups/db",
      "backups-blob,2019-latest,https://shop.blob.core.windows.net/backups/db"})
  void backupsToObjectStorageAreAcceptedWithStrictFieldValidation(String name, String tag,
      String url) throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace(name);

    ApplyReport report = apply(cluster, ns, "engine:\n  image: mcr.microsoft.com/mssql/server:"
        + tag + "\nbackup:\n  full: '0 0 * * 0'\n  log: '*/5 * * * *'\n  url: " + url + "\n");

    assertEquals(11, report.changes().size());
    assertEquals("Memory", cluster.admin().batch().v1().cronjobs().inNamespace(ns)
        .withName("db-backup-full").get().getSpec().getJobTemplate().getSpec().getTemplate()
        .getSpec().getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst()
        .orElseThrow().getEmptyDir().getMedium());
  }

  @Test
  void aCertificateOfItsOwnIsAcceptedWithStrictFieldValidation() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("tls");
    tlsSecret(cluster, ns, "tls.crt", "tls.key");

    ApplyReport report = apply(cluster, ns, WITH_TLS + "ha:\n  workload: StatefulSet\n");

    // The StorageClass, the ConfigMap, the StatefulSet and its two Services.
    assertEquals(9, report.changes().size());
    var pod = cluster.admin().apps().statefulSets().inNamespace(ns).withName("db").get().getSpec()
        .getTemplate().getSpec();
    assertEquals(288, pod.getVolumes().stream().filter(v -> v.getName().equals("tls"))
        .findFirst().orElseThrow().getSecret().getDefaultMode());
    assertEquals("mssql-conf", pod.getInitContainers().get(0).getName());
    assertEquals("db-mssql-conf", cluster.admin().configMaps().inNamespace(ns)
        .withName("db-mssql-conf").get().getMetadata().getName());
  }

  private static final String WITH_TLS = "engine:\n  image: mcr.microsoft.com/mssql/server:"
      + "2022-CU16-ubuntu-22.04\ntls:\n  secretName: db-tls\n";

  private static void tlsSecret(RealCluster cluster, String ns, String... keys) {
    Map<String, String> data = new LinkedHashMap<>();
    for (String key : keys) {
      data.put(key, Base64.getEncoder().encodeToString(("not a real " + key)
          .getBytes(StandardCharsets.UTF_8)));
    }
    cluster.admin().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("db-tls").endMetadata().withType("Opaque").withData(data).build()).create();
  }

  /** A pod that mounts a Secret that is not there would only wait; apply says so first. */
  @Test
  void aMissingOrIncompleteCertificateSecretIsRefusedBeforeAnythingIsApplied() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("tls-missing");

    SqledgeException missing = assertThrows(SqledgeException.class,
        () -> apply(cluster, ns, WITH_TLS));

    assertTrue(missing.getMessage().contains("a Secret the database pod reads is missing;"
        + " nothing was applied"), missing.getMessage());
    Problem problem = missing.problems().get(0);
    assertTrue(problem.message().contains("the Secret `db-tls` that Deployment/db reads"
        + " (volume `tls`) does not exist"), problem::render);
    assertTrue(problem.fix().contains("kubectl create secret tls db-tls -n " + ns), problem::render);
    assertEquals(null, cluster.admin().apps().deployments().inNamespace(ns).withName("db").get());

    tlsSecret(cluster, ns, "tls.crt");
    SqledgeException incomplete = assertThrows(SqledgeException.class,
        () -> new Applier(ClusterConnector.connect(cluster.settings()), new RecordingLog())
            .apply(instanceIn(ns, WITH_TLS).request(ns)));
    assertTrue(incomplete.problems().get(0).message().contains("has no key `tls.key`"),
        incomplete.problems().get(0)::render);
  }

  @Test
  void theNetworkPolicyIsAcceptedAndSelectsTheDatabase() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("netpol");

    ApplyReport report = apply(cluster, ns, NetworkPolicyTest.ALLOW_FROM);

    assertEquals(8, report.changes().size());
    NetworkPolicy live = cluster.admin().network().v1().networkPolicies().inNamespace(ns)
        .withName("db").get();
    assertEquals(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get()
        .getSpec().getSelector().getMatchLabels(), live.getSpec().getPodSelector().getMatchLabels());
    assertEquals(4, live.getSpec().getIngress().get(0).getFrom().size(),
        "the three peers, and the accounts job");
  }

  @Test
  void theConnectionConfigMapIsAcceptedAndHoldsNoPassword() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("connection");

    String settings = "service:\n  port: 1500\nconnection:\n  configMap: true\n"
        + "  database: orders\n";
    ApplyReport report = apply(cluster, ns, settings);

    assertEquals(9, report.changes().size());
    ConfigMap live = cluster.admin().configMaps().inNamespace(ns).withName("db-connection").get();
    String host = "db." + ns + ".svc.cluster.local";
    assertEquals(Map.of("SQLEDGE_HOST", host, "SQLEDGE_PORT", "1500", "SQLEDGE_JDBC_URL",
        "jdbc:sqlserver://" + host + ":1500;databaseName=orders;encrypt=true;"
            + "trustServerCertificate=true", "SQLEDGE_DATABASE", "orders"), live.getData());
    assertEquals("database", live.getMetadata().getLabels().get("app.kubernetes.io/component"));

    Instance instance = instanceIn(ns, settings);
    new Deleter(ClusterConnector.connect(cluster.settings()), new RecordingLog())
        .delete(instance.manifests(), ns, instance.config().engine().saPassword(), false);
    assertNull(cluster.admin().configMaps().inNamespace(ns).withName("db-connection").get(),
        "delete removes the ConfigMap with the workload");
  }
}
