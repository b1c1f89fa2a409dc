package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.ResourceChange.Outcome;
import io.sqledge.render.PodOptionsTest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What apply sends to the API server, request by request: one read per resource, and one apply
 * only for what would change, so that an unchanged re-apply writes nothing at all (not even the
 * PersistentVolumeClaim, which the server rewrites on a no-op apply after its creation).
 */
class ApplyRequestsTest {

  private static RealCluster cluster;
  private static KubernetesClient client;
  private static final List<String> REQUESTS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    Config config = Config.fromKubeconfig(null, Files.readString(cluster.kubeconfig()),
        cluster.kubeconfig().toString());
    Interceptor recorder = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        synchronized (REQUESTS) {
          REQUESTS.add(request.method() + " " + request.uri().getPath()
              + (request.uri().getQuery() != null && request.uri().getQuery().contains("dryRun")
                  ? " (dry run)" : ""));
        }
      }
    };
    client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("record", recorder))
        .build();
  }

  private static ApplyReport apply(Instance instance, String namespace) throws Exception {
    REQUESTS.clear();
    return new Applier(client, new RecordingLog()).apply(instance.request(namespace));
  }

  private static Map<String, String> resourceVersions(Instance instance, String namespace) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (var manifest : instance.manifests().manifests()) {
      HasMetadata live = manifest.namespaced()
          ? cluster.admin().resource(manifest.resource()).inNamespace(namespace).get()
          : cluster.admin().resource(manifest.resource()).get();
      versions.put(manifest.describe(), live.getMetadata().getResourceVersion());
    }
    return versions;
  }

  private static long count(String method) {
    return REQUESTS.stream().filter(request -> request.startsWith(method + " ")).count();
  }

  @Test
  void aFirstApplyReadsOnceAndAppliesOncePerResource() throws Exception {
    String ns = cluster.newNamespace("requests-first");
    createSecret(cluster, ns);
    Instance db = instance("name: db\nstorage:\n  className: requests-first-disk\n");

    apply(db, ns);

    // The namespace and the SA password's Secret are checked once; then the login's Secret and
    // each of the seven resources (the accounts ConfigMap and Job among them) is read once
    // (absent) and applied once.
    assertEquals(10, count("GET"), REQUESTS::toString);
    assertEquals(8, count("PATCH"), REQUESTS::toString);
    assertEquals(18, REQUESTS.size(), REQUESTS::toString);
  }

  @Test
  void inANamespaceApplyCreatesEachResourceIsOneRequest() throws Exception {
    String ns = cluster.missingNamespace("requests-fresh");
    // The five resources of the database alone: no databases, so no login Secret and no job.
    Instance db = instance("name: db\nstorage:\n  className: requests-fresh-disk\n"
        + "databases: []\n");
    ApplyRequest request = new ApplyRequest(db.manifests(), ns, true, false, false,
        db.config().engine().saPassword(),
        SecretSource.of(SaPassword.of("Fresh-Passw0rd!"), "the test"), false,
        java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(100));
    REQUESTS.clear();

    ApplyReport report = new Applier(client, new RecordingLog()).apply(request);

    // The namespace is read (missing) and created; the Secret, the claim, the Deployment and the
    // Service go into it with one apply each; only the cluster-wide StorageClass is read first.
    // The plan reads first (the namespaced resources not at all), then apply writes.
    assertEquals(List.of("GET /api/v1/namespaces/" + ns,
        "GET /apis/storage.k8s.io/v1/storageclasses/requests-fresh-disk",
        "PATCH /api/v1/namespaces/" + ns,
        "PATCH /api/v1/namespaces/" + ns + "/secrets/mssql",
        "PATCH /apis/storage.k8s.io/v1/storageclasses/requests-fresh-disk",
        "PATCH /api/v1/namespaces/" + ns + "/persistentvolumeclaims/mssql-data",
        "PATCH /apis/networking.k8s.io/v1/namespaces/" + ns + "/networkpolicies/db",
        "PATCH /apis/apps/v1/namespaces/" + ns + "/deployments/db",
        "PATCH /api/v1/namespaces/" + ns + "/services/db"), REQUESTS);
    assertTrue(report.changes().stream().allMatch(change -> change.outcome() == Outcome.CREATED),
        report::toString);
  }

  @Test
  void anUnchangedReapplyOnlyReadsAndWritesNothing() throws Exception {
    String ns = cluster.newNamespace("requests-again");
    createSecret(cluster, ns);
    Instance db = instance("name: db\nstorage:\n  className: requests-again-disk\n");
    apply(db, ns);
    Map<String, String> before = resourceVersions(db, ns);

    ApplyReport again = apply(db, ns);

    assertTrue(again.changes().stream().allMatch(change -> change.outcome() == Outcome.UNCHANGED),
        again::toString);
    assertEquals(List.of(), REQUESTS.stream().filter(r -> !r.startsWith("GET ")).toList());
    assertEquals(10, REQUESTS.size(), REQUESTS::toString);
    assertEquals(before, resourceVersions(db, ns), "no resourceVersion moved, the claim's included");
  }

  @Test
  void aChangeAppliesOnlyTheChangedResource() throws Exception {
    String ns = cluster.newNamespace("requests-change");
    createSecret(cluster, ns);
    // No databases: a new engine image would also make a new accounts job, which runs it.
    String config = "name: db\nstorage:\n  className: requests-change-disk\ndatabases: []\n";
    apply(instance(config), ns);
    Instance changed = instance(config + "engine:\n  image: mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04\n");
    Map<String, String> before = resourceVersions(changed, ns);

    ApplyReport report = apply(changed, ns);

    // The change is rehearsed as a dry run before the first write, then applied.
    assertEquals(List.of("PATCH /apis/apps/v1/namespaces/" + ns + "/deployments/db (dry run)",
            "PATCH /apis/apps/v1/namespaces/" + ns + "/deployments/db"),
        REQUESTS.stream().filter(r -> !r.startsWith("GET ")).toList());
    assertEquals(Outcome.CONFIGURED, report.changes().get(report.changes().size() - 2).outcome(),
        report::toString);
    Map<String, String> after = resourceVersions(changed, ns);
    before.keySet().stream().filter(name -> !name.startsWith("Deployment/"))
        .forEach(name -> assertEquals(before.get(name), after.get(name), name));
  }

  @Test
  void aRemovedSettingIsRemovedFromTheLiveObject() throws Exception {
    String ns = cluster.newNamespace("requests-remove");
    createSecret(cluster, ns);
    String storage = "storage:\n  className: requests-remove-disk\n";
    apply(instance("name: db\n" + storage + PodOptionsTest.ALL_OPTIONS), ns);
    assertEquals("database-critical", cluster.admin().apps().deployments().inNamespace(ns)
        .withName("db").get().getSpec().getTemplate().getSpec().getPriorityClassName());

    ApplyReport report = apply(instance("name: db\n" + storage), ns);

    var live = cluster.admin().apps().deployments().inNamespace(ns).withName("db").get()
        .getSpec().getTemplate().getSpec();
    assertNull(live.getPriorityClassName(), report::toString);
    assertEquals(Map.of("kubernetes.io/arch", "amd64"), live.getNodeSelector(), report::toString);
    assertTrue(live.getTolerations().stream().noneMatch(t -> "dedicated".equals(t.getKey())),
        report::toString);
    assertTrue(live.getContainers().get(0).getPorts().stream()
        .allMatch(port -> port.getContainerPort() == 1433), report::toString);
  }
}
