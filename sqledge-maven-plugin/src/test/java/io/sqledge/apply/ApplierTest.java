package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.ResourceChange.Outcome;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apply against a real kube-apiserver: what `kubectl apply --server-side` guarantees, and more. */
class ApplierTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  private static ApplyReport apply(ApplyRequest request, RecordingLog log) throws SqledgeException {
    return new Applier(client, log).apply(request);
  }

  private static Deployment deployment(String namespace) {
    return cluster.admin().apps().deployments().inNamespace(namespace).withName("db").get();
  }

  @Test
  void firstApplyCreatesEveryResourceWithOurFieldManager() throws Exception {
    String ns = cluster.newNamespace("first");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, ""));

    ApplyReport report = apply(db.request(ns), new RecordingLog());

    assertEquals(List.of("Secret/db-app", "StorageClass/sqledge-disk",
        "PersistentVolumeClaim/mssql-data", "NetworkPolicy/db", "Deployment/db", "Service/db",
        "ConfigMap/db-accounts"), ApiErrors.names(report.changes()).subList(0, 7));
    assertTrue(ApiErrors.names(report.changes()).get(7).startsWith("Job/db-accounts-"));
    assertEquals(Outcome.CREATED, report.changes().get(4).outcome());
    Deployment live = deployment(ns);
    assertEquals("Recreate", live.getSpec().getStrategy().getType());
    assertTrue(live.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager)
        .anyMatch(ApplyRequest.FIELD_MANAGER::equals));
    assertNotNull(cluster.admin().persistentVolumeClaims().inNamespace(ns).withName("mssql-data").get());
    assertEquals("LoadBalancer", cluster.admin().services().inNamespace(ns).withName("db").get()
        .getSpec().getType());
  }

  @Test
  void reapplyingUnchangedManifestsChangesNothing() throws Exception {
    String ns = cluster.newNamespace("again");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, ""));
    apply(db.request(ns), new RecordingLog());
    String before = deployment(ns).getMetadata().getResourceVersion();
    String serviceBefore = cluster.admin().services().inNamespace(ns).withName("db").get()
        .getMetadata().getResourceVersion();

    ApplyReport again = apply(db.request(ns), new RecordingLog());

    assertTrue(again.changes().stream().allMatch(c -> c.outcome() == Outcome.UNCHANGED),
        again::toString);
    assertEquals(before, deployment(ns).getMetadata().getResourceVersion());
    assertEquals(serviceBefore, cluster.admin().services().inNamespace(ns).withName("db").get()
        .getMetadata().getResourceVersion());
  }

  @Test
  void aChangedImageIsAppliedAndDryRunOnlyReportsIt() throws Exception {
    String ns = cluster.newNamespace("change");
    createSecret(cluster, ns);
    apply(instance(config(ns, "")).request(ns), new RecordingLog());
    Instance changed = instance(config(ns,
        "engine:\n  image: mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04\n"));
    ApplyRequest base = changed.request(ns);
    ApplyRequest dryRun = base.withDryRun(true);
    String before = deployment(ns).getMetadata().getResourceVersion();
    RecordingLog dryLog = new RecordingLog();

    ApplyReport preview = apply(dryRun, dryLog);

    ResourceChange deploymentChange = preview.changes().stream()
        .filter(change -> change.resource().equals("Deployment/db")).findFirst().orElseThrow();
    assertEquals(Outcome.CONFIGURED, deploymentChange.outcome());
    assertEquals(List.of("spec.template.spec.containers[0].image:"
        + " \"mcr.microsoft.com/azure-sql-edge:1.0.7\" → \"mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04\""),
        deploymentChange.changes());
    assertTrue(dryLog.all().contains("dry run: Deployment/db (namespace " + ns + ") would be configured"),
        dryLog::all);
    assertEquals(before, deployment(ns).getMetadata().getResourceVersion(), "dry run changed nothing");

    ApplyReport real = apply(base, new RecordingLog());

    assertEquals(Outcome.CONFIGURED, real.changes().stream()
        .filter(change -> change.resource().equals("Deployment/db")).findFirst().orElseThrow()
        .outcome());
    assertEquals("mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04",
        deployment(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void dryRunOnAnEmptyNamespaceCreatesNothing() throws Exception {
    String ns = cluster.newNamespace("dry");
    createSecret(cluster, ns);
    ApplyRequest dryRun = instance(config(ns, "storage:\n  className: dry-only\n")).request(ns)
        .withDryRun(true).withWait(Duration.ofSeconds(20));

    ApplyReport report = apply(dryRun, new RecordingLog());

    assertTrue(report.dryRun());
    assertTrue(report.changes().stream().allMatch(c -> c.outcome() == Outcome.CREATED));
    assertNull(deployment(ns));
    assertNull(cluster.admin().storage().v1().storageClasses().withName("dry-only").get());
  }

  @Test
  void theSecretIsCreatedFromAPasswordThatNeverReachesTheLog() throws Exception {
    String ns = cluster.newNamespace("secret");
    String password = "Kn0wn-Test-Passw0rd!";
    String base64 = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    ApplyRequest withSecret = instance(config(ns, "")).request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of(password), "the test"));
    RecordingLog log = new RecordingLog();

    ApplyReport first = apply(withSecret, log);
    ApplyReport second = apply(withSecret, log);

    var secret = cluster.admin().secrets().inNamespace(ns).withName("mssql").get();
    assertEquals(base64, secret.getData().get("MSSQL_SA_PASSWORD"));
    assertEquals("Secret/mssql", first.changes().get(0).resource());
    assertEquals(Outcome.CREATED, first.changes().get(0).outcome());
    assertEquals(Outcome.UNCHANGED, second.changes().get(0).outcome());
    assertFalse(log.all().contains(password), log::all);
    assertFalse(log.all().contains(base64), log::all);
    assertFalse(first.toString().contains(password));
  }

  @Test
  void aWeakPasswordIsRefusedBeforeAnythingIsApplied() throws Exception {
    String ns = cluster.newNamespace("weak");
    ApplyRequest weak = instance(config(ns, "")).request(ns)
        .withSecretSource(SecretSource.of(SaPassword.of("password"), "the test"));

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(weak, new RecordingLog()));

    assertTrue(e.getMessage().contains("SQL Server's password policy"), e::getMessage);
    assertFalse(e.getMessage().contains("password\"") || e.getMessage().contains("`password`"));
    assertNull(deployment(ns));
  }

  @Test
  void aMissingSecretFailsWithTheCommandThatCreatesIt() throws Exception {
    String ns = cluster.newNamespace("nosecret");

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> apply(instance(config(ns, "")).request(ns), new RecordingLog()));

    assertTrue(e.getMessage().startsWith("sqledge: the SA password Secret is missing; nothing was applied"),
        e::getMessage);
    assertTrue(e.getMessage().contains("kubectl create secret generic mssql -n " + ns
        + " --from-literal=MSSQL_SA_PASSWORD='<password>'"), e::getMessage);
    assertNull(deployment(ns));
  }

  @Test
  void aMissingNamespaceFailsUnlessApplyMayCreateIt() throws Exception {
    String ns = cluster.missingNamespace("nons");
    String password = "Another-Passw0rd";
    ApplyRequest base = instance(config(ns, "")).request(ns);

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(base, new RecordingLog()));
    assertTrue(e.getMessage().contains("the namespace `" + ns + "` does not exist"), e::getMessage);
    assertTrue(e.problems().get(0).fix().contains("-Dsqledge.createNamespace=true"));

    ApplyRequest create = base.withCreateNamespace(true)
        .withSecretSource(SecretSource.of(SaPassword.of(password), "the test"));
    ApplyReport report = apply(create, new RecordingLog());
    assertEquals("Namespace/" + ns, report.changes().get(0).resource());
    assertNotNull(deployment(ns));
  }

  @Test
  void aConflictWithAnotherFieldManagerIsExplainedAndCanBeForced() throws Exception {
    String ns = cluster.newNamespace("conflict");
    createSecret(cluster, ns);
    Instance db = instance(config(ns, ""));
    apply(db.request(ns), new RecordingLog());
    // Another tool takes ownership of the image with its own server-side apply.
    Deployment other = new DeploymentBuilder().withNewMetadata().withName("db").withNamespace(ns)
        .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
        .withName("mssql").withImage("example.com/other:1").endContainer().endSpec().endTemplate()
        .endSpec().build();
    cluster.admin().resource(other).inNamespace(ns).fieldManager("other-tool").forceConflicts()
        .serverSideApply();

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> apply(db.request(ns), new RecordingLog()));

    // Found by the dry run before the first write: nothing was applied, rather than half of it.
    assertTrue(e.getMessage().startsWith("sqledge: apply failed at Deployment/db; nothing was"
        + " applied"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("conflict (409)"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("other-tool"), e::getMessage);
    assertTrue(e.problems().get(0).fix().contains("-Dsqledge.forceConflicts=true"));

    apply(db.request(ns).withForceConflicts(true), new RecordingLog());
    assertEquals("mcr.microsoft.com/azure-sql-edge:1.0.7",
        deployment(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void anImmutableChangeFailsWithAnExplanationAndNothingIsRecreated() throws Exception {
    String ns = cluster.newNamespace("immutable");
    createSecret(cluster, ns);
    apply(instance(config(ns, "")).request(ns), new RecordingLog());
    String uid = cluster.admin().persistentVolumeClaims().inNamespace(ns).withName("mssql-data")
        .get().getMetadata().getUid();

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(
        instance(config(ns, "storage:\n  size: 4Gi\n")).request(ns), new RecordingLog()));

    assertTrue(e.getMessage().contains("PersistentVolumeClaim/mssql-data"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("invalid (422)"), e::getMessage);
    assertTrue(e.problems().get(0).fix().contains("never deletes and recreates"), e::getMessage);
    assertEquals(uid, cluster.admin().persistentVolumeClaims().inNamespace(ns)
        .withName("mssql-data").get().getMetadata().getUid());
  }

  @Test
  void aUserWithoutRightsGetsA403ThatSaysWhatToAskFor() throws Exception {
    String ns = cluster.newNamespace("forbidden");
    createSecret(cluster, ns);
    // A service account with no role: authenticated, authorized for nothing (RBAC).
    java.nio.file.Path kubeconfig = cluster.serviceAccountKubeconfig(ns, "nobody");
    KubernetesClient nobody = ClusterConnector.connect(new ClusterSettings(Optional.of(kubeconfig),
        Optional.empty(), Duration.ofSeconds(10)));

    SqledgeException e = assertThrows(SqledgeException.class, () -> new Applier(nobody,
        new RecordingLog()).apply(instance(config(ns, "")).request(ns)));

    assertTrue(e.getMessage().contains("nothing was applied"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("forbidden (403)"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("system:serviceaccount:" + ns + ":nobody"),
        e::getMessage);
    // The server's words name the verb and the resource; the fix names the goal that writes the
    // rules.
    assertTrue(e.problems().get(0).message().matches(".*cannot (get|patch) resource .*"),
        e::getMessage);
    assertTrue(e.problems().get(0).fix().contains("mvn sqledge:rbac"), e::getMessage);
  }

  @Test
  void aValueTheServerRefusesIsA422WithTheField() throws Exception {
    String ns = cluster.newNamespace("invalid");
    createSecret(cluster, ns);
    // Schema-valid (a list of strings), but not a valid label value. The build refuses it too
    // (ApiServerRules); unchecked, it stands for what a project template could send.
    Instance db = ApplyFixtures.unchecked(config(ns, """
        storage:
          className: invalid-disk
        pod:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions:
                      - {key: pool, operator: In, values: ["not a label value!"]}
        """));

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> apply(db.request(ns), new RecordingLog()));

    assertTrue(e.getMessage().startsWith("sqledge: apply failed at Deployment/db; already applied:"),
        e::getMessage);
    assertTrue(e.problems().get(0).message().contains("invalid (422)"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("matchExpressions[0].values[0]"), e::getMessage);
    assertTrue(e.problems().get(0).fix().contains("fix the configuration"), e::getMessage);
  }

  @Test
  void aUserTemplateWithAFieldTheServerRefusesIsA422() throws Exception {
    String ns = cluster.newNamespace("usertemplate");
    createSecret(cluster, ns);
    java.nio.file.Path templates = java.nio.file.Files.createTempDirectory("templates");
    // Schema-valid (a string), but not a valid label key: only the server knows.
    java.nio.file.Files.writeString(templates.resolve("configmap.yaml.ftl"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ${name + "-settings"}
          labels:
            "not a valid/label key!": x
        data:
          mssql.conf: "[network]\\ntlsprotocols = 1.2\\n"
        """);
    io.sqledge.generate.Generator generator = io.sqledge.generate.Generator.withProjectTemplates(
        templates, "src/main/sqledge/templates");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("usertemplate");
    java.nio.file.Files.writeString(dir.resolve("sqledge.yaml"),
        config(ns, "storage:\n  className: usertemplate-disk\n"));
    var rendered = generator.render(new io.sqledge.generate.GenerateRequest(Optional.of(
        new io.sqledge.config.ConfigSource(dir.resolve("sqledge.yaml"), "sqledge.yaml")),
        java.util.Map.of(), dir.resolve("out")));
    ApplyRequest request = new ApplyRequest(rendered.manifests(), ns, false, false, false,
        rendered.config().engine().saPassword(), SecretSource.existing(), false,
        Duration.ofSeconds(20), Duration.ofMillis(100));

    SqledgeException e = assertThrows(SqledgeException.class, () -> apply(request, new RecordingLog()));

    assertTrue(e.getMessage().startsWith("sqledge: apply failed at ConfigMap/db-settings; already"
        + " applied: StorageClass/usertemplate-disk, PersistentVolumeClaim/mssql-data,"
        + " NetworkPolicy/db, Deployment/db, Service/db"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("invalid (422)"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("metadata.labels"), e::getMessage);
  }

  @Test
  void anApiServerThatIsDownFailsClearlyWithoutHanging() throws Exception {
    java.nio.file.Path kubeconfig = java.nio.file.Files.createTempFile("down", ".yaml");
    java.nio.file.Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: down
            cluster:
              server: https://127.0.0.1:1
              insecure-skip-tls-verify: true
        contexts:
          - name: down
            context: {cluster: down, user: nobody, namespace: db}
        current-context: down
        users:
          - name: nobody
            user: {token: not-a-real-token}
        """);
    ClusterSettings down = new ClusterSettings(Optional.of(kubeconfig), Optional.empty(),
        Duration.ofSeconds(5));
    ApplyRequest request = instance(config("db", "")).request("db");

    SqledgeException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
        SqledgeException.class,
        () -> new Applier(ClusterConnector.connect(down), new RecordingLog()).apply(request)));

    assertTrue(e.problems().get(0).message().contains("cannot reach the API server at https://127.0.0.1:1"),
        e::getMessage);
    assertTrue(e.getMessage().contains("nothing was applied"), e::getMessage);
  }
}
