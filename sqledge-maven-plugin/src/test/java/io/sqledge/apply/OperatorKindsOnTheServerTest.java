package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kinds the plugin writes for other operators (cert-manager's Certificate, the Prometheus
 * operator's ServiceMonitor), on a real API server: with their CRDs installed (from the
 * operators' released modules), the output is admitted with strict field validation and stored as
 * written; without them, apply refuses before it writes anything, and delete has nothing of
 * theirs to remove.
 */
class OperatorKindsOnTheServerTest {

  private static final String CERT_MANAGER = """
      service:
        loadBalancerIP: 10.20.0.7
      tls:
        certManager:
          issuerRef: {name: shop-ca, kind: ClusterIssuer}
          dnsNames: [sql.shop.example]
      """;

  private static final String METRICS = """
      metrics:
        enabled: true
        serviceMonitor: true
        credentialSecret: db-metrics
      """;

  private static void metricsSecret(RealCluster cluster, String ns, Map<String, String> data) {
    cluster.admin().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("db-metrics").endMetadata().withStringData(data).build()).create();
  }

  private static ApplyReport apply(RealCluster cluster, Instance instance, String ns)
      throws Exception {
    return new Applier(ClusterConnector.connect(cluster.settings()), new RecordingLog())
        .apply(instance.request(ns));
  }

  /**
   * The Certificate is stored as the plugin wrote it, before a Secret that cert-manager would
   * write exists (the pod waits for it); applied again, nothing changes.
   */
  @Test
  void aCertificateIsAdmittedWithStrictValidationAndReappliedUnchanged() throws Exception {
    RealCluster cluster = RealCluster.shared().withOperatorCrds();
    String ns = cluster.newNamespace("certificate");
    createSecret(cluster, ns);
    Instance instance = instance(config(ns, CERT_MANAGER));

    ApplyReport first = apply(cluster, instance, ns);

    assertTrue(first.changes().stream().anyMatch(change -> change.resource()
        .equals("Certificate/db")), first.changes()::toString);
    GenericKubernetesResource live = cluster.admin().genericKubernetesResources(
        "cert-manager.io/v1", "Certificate").inNamespace(ns).withName("db").get();
    Map<String, Object> spec = live.get("spec");
    assertEquals("db-tls", spec.get("secretName"));
    assertEquals(List.of("db", "db." + ns, "db." + ns + ".svc",
        "db." + ns + ".svc.cluster.local", "sql.shop.example"), spec.get("dnsNames"));
    assertEquals(List.of("10.20.0.7"), spec.get("ipAddresses"));
    assertEquals(List.of("server auth", "digital signature", "key encipherment"),
        spec.get("usages"));
    assertNull(cluster.admin().secrets().inNamespace(ns).withName("db-tls").get(),
        "no cert-manager runs here: the Secret is cert-manager's to write");

    ApplyReport again = apply(cluster, instance, ns);
    assertTrue(again.changes().stream().allMatch(change -> change.outcome()
        == ResourceChange.Outcome.UNCHANGED), again.changes()::toString);
  }

  /**
   * The exporter's output with a ServiceMonitor: admitted with strict validation, the metrics on a
   * ClusterIP Service of their own, the NetworkPolicy's second rule; the exporter's login Secret
   * is read before anything is written.
   */
  @Test
  void aServiceMonitorIsAdmittedAndTheExportersSecretCheckedFirst() throws Exception {
    RealCluster cluster = RealCluster.shared().withOperatorCrds();
    String ns = cluster.newNamespace("metrics");
    createSecret(cluster, ns);
    Instance instance = instance(config(ns, METRICS));

    SqledgeException missing = assertThrows(SqledgeException.class,
        () -> apply(cluster, instance, ns));
    assertTrue(missing.problems().get(0).message().contains("the Secret `db-metrics` that"
        + " Deployment/db reads (`SQLEDGE_METRICS_USER` of container `metrics`) does not exist"),
        missing::getMessage);
    assertTrue(missing.problems().get(0).fix().contains("kubectl create secret generic"
        + " db-metrics -n " + ns + " --from-literal=username=… --from-literal=password=…"),
        missing::getMessage);
    assertNull(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get());
    metricsSecret(cluster, ns, Map.of("username", "sqledge_metrics"));
    SqledgeException incomplete = assertThrows(SqledgeException.class,
        () -> apply(cluster, instance, ns));
    assertTrue(incomplete.problems().get(0).message().contains("has no key `password`"),
        incomplete::getMessage);
    cluster.admin().secrets().inNamespace(ns).withName("db-metrics").delete();
    cluster.admin().secrets().inNamespace(ns).withName("db-metrics").waitUntilCondition(
        secret -> secret == null, 30, java.util.concurrent.TimeUnit.SECONDS);
    metricsSecret(cluster, ns, Map.of("username", "sqledge_metrics", "password", "Not-Shown-1"));

    ApplyReport first = apply(cluster, instance, ns);

    assertTrue(first.changes().stream().anyMatch(change -> change.resource()
        .equals("ServiceMonitor/db")), first.changes()::toString);
    GenericKubernetesResource monitor = cluster.admin().genericKubernetesResources(
        "monitoring.coreos.com/v1", "ServiceMonitor").inNamespace(ns).withName("db").get();
    Map<String, Object> spec = monitor.get("spec");
    assertEquals(Map.of("matchLabels", Map.of("app.kubernetes.io/instance", "db",
        "app.kubernetes.io/component", "metrics")), spec.get("selector"));
    assertEquals("ClusterIP", cluster.admin().services().inNamespace(ns).withName("db-metrics")
        .get().getSpec().getType());
    assertEquals(2, cluster.admin().network().v1().networkPolicies().inNamespace(ns)
        .withName("db").get().getSpec().getIngress().size());
    ApplyReport again = apply(cluster, instance, ns);
    assertTrue(again.changes().stream().allMatch(change -> change.outcome()
        == ResourceChange.Outcome.UNCHANGED), again.changes()::toString);
  }

  /** A field the CRD does not have is refused by the API server too, not only by the build. */
  @Test
  void theServerRefusesWhatTheCrdDoesNotDefine() throws Exception {
    RealCluster cluster = RealCluster.shared().withOperatorCrds();
    String ns = cluster.newNamespace("certificate-strict");
    KubernetesClient admin = cluster.admin();
    GenericKubernetesResource certificate = (GenericKubernetesResource) instance(
        config(ns, CERT_MANAGER)).manifests().manifests().stream()
        .filter(manifest -> manifest.kind().equals("Certificate")).findFirst().orElseThrow()
        .resource();
    Map<String, Object> spec = certificate.get("spec");
    spec.put("dnsName", "typo.example");
    Exception refused = assertThrows(KubernetesClientException.class, () -> admin
        .resource(certificate).inNamespace(ns).fieldValidation(Validation.STRICT)
        .fieldManager("sqledge").serverSideApply());
    assertTrue(refused.getMessage().contains("dnsName"), refused::getMessage);
  }

  /**
   * On a cluster without cert-manager's CRD, apply names the kind and what to install, and
   * writes nothing; delete has no Certificate to remove and removes the rest.
   */
  @Test
  void withoutTheCrdApplyRefusesBeforeWritingAnything() throws Exception {
    RealCluster bare = RealCluster.start();
    try {
      String ns = bare.newNamespace("no-crd");
      createSecret(bare, ns);
      Instance instance = instance(config(ns, CERT_MANAGER));

      SqledgeException refused = assertThrows(SqledgeException.class,
          () -> apply(bare, instance, ns));

      Problem problem = refused.problems().get(0);
      assertEquals(1, refused.problems().size(), refused::getMessage);
      assertTrue(problem.message().contains("the cluster does not serve `cert-manager.io/v1`"
          + " `Certificate`"), problem::render);
      assertTrue(problem.fix().contains("install cert-manager"), problem::render);
      assertTrue(refused.getMessage().contains("nothing was applied"), refused::getMessage);
      assertTrue(bare.admin().persistentVolumeClaims().inNamespace(ns).list().getItems()
          .isEmpty(), "nothing written");
      assertTrue(bare.admin().apps().deployments().inNamespace(ns).list().getItems().isEmpty());

      DeleteReport deleted = new Deleter(ClusterConnector.connect(bare.settings()),
          new RecordingLog()).delete(instance.manifests(), ns,
          instance.config().engine().saPassword(), false);
      Instance monitored = instance(config(ns, METRICS.replace("  credentialSecret: db-metrics\n",
          "")));
      SqledgeException noOperator = assertThrows(SqledgeException.class,
          () -> apply(bare, monitored, ns));
      assertTrue(noOperator.problems().get(0).message().contains("`monitoring.coreos.com/v1`"
          + " `ServiceMonitor`"), noOperator::getMessage);
      assertTrue(noOperator.problems().get(0).fix().contains("install the Prometheus operator"),
          noOperator::getMessage);
      assertEquals(List.of(), deleted.removed());
      assertTrue(deleted.absent().contains("Deployment/db"), deleted::toString);
      assertTrue(deleted.absent().stream().noneMatch(name -> name.startsWith("Certificate/")),
          "a kind the cluster does not serve is not even asked for: " + deleted);
    } finally {
      bare.stop();
    }
  }
}
