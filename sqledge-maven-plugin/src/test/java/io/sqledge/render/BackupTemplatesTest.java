package io.sqledge.render;

import static io.sqledge.TestManifests.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.sqledge.TestManifests;
import io.sqledge.sql.BackupKind;
import io.sqledge.sql.BackupScript;
import io.sqledge.sql.BackupStore;
import io.sqledge.sql.CredentialScript;
import io.sqledge.verify.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup.* adds the backups' claim, mounted in the database pod, the jobs' scripts and one
 * hardened CronJob per scheduled kind, each read back as a typed Kubernetes object.
 */
class BackupTemplatesTest {

  static final String BACKED_UP = """
      name: db
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      backup:
        full: "0 0 * * 0"
        log: "*/5 * * * *"
        databases: [sales, "it's"]
        claim: {size: 32Gi, className: backup-disk}
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return TestManifests.render(dir, yaml);
  }

  @Test
  void withoutASchedulesThereAreNoBackups() throws Exception {
    List<Manifest> manifests = render("namespace: shop");
    assertTrue(manifests.stream().noneMatch(m -> m.name().contains("backup")));
    Deployment deployment = all(manifests, Deployment.class).get(0);
    assertEquals(1, deployment.getSpec().getTemplate().getSpec().getVolumes().size());
  }

  @Test
  void theBackupClaimComesBeforeThePodThatMountsItAndTheJobsAfterTheService()
      throws Exception {
    List<Manifest> manifests = render(BACKED_UP);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "PersistentVolumeClaim",
            "NetworkPolicy", "Deployment", "Service", "ConfigMap", "Job", "ConfigMap", "CronJob",
            "CronJob"),
        manifests.stream().map(Manifest::kind).toList());
    PersistentVolumeClaim claim = all(manifests, PersistentVolumeClaim.class).get(1);
    assertEquals("db-backup", claim.getMetadata().getName());
    assertEquals("backup-disk", claim.getSpec().getStorageClassName());
    assertEquals("32Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
  }

  @Test
  void sqlServerWritesToTheBackupClaim() throws Exception {
    for (String workload : List.of("Deployment", "StatefulSet")) {
      List<Manifest> manifests = render(BACKED_UP + "ha:\n  workload: " + workload + "\n");
      PodSpec pod = workload.equals("Deployment")
          ? all(manifests, Deployment.class).get(0).getSpec().getTemplate().getSpec()
          : all(manifests, StatefulSet.class).get(0).getSpec().getTemplate().getSpec();
      assertTrue(pod.getContainers().get(0).getVolumeMounts().stream().anyMatch(m ->
          m.getMountPath().equals("/var/opt/mssql/backup") && pod.getVolumes().stream().anyMatch(
              v -> v.getName().equals(m.getName()) && v.getPersistentVolumeClaim() != null
                  && v.getPersistentVolumeClaim().getClaimName().equals("db-backup"))),
          workload);
    }
  }

  @Test
  void eachScheduledKindHasAHardenedCronJob() throws Exception {
    List<CronJob> jobs = all(render(BACKED_UP), CronJob.class);
    assertEquals(List.of("db-backup-full", "db-backup-log"),
        jobs.stream().map(j -> j.getMetadata().getName()).toList());
    assertEquals(List.of("0 0 * * 0", "*/5 * * * *"),
        jobs.stream().map(j -> j.getSpec().getSchedule()).toList());
    for (CronJob job : jobs) {
      assertEquals("Forbid", job.getSpec().getConcurrencyPolicy());
      assertEquals("Etc/UTC", job.getSpec().getTimeZone());
      assertEquals(300L, job.getSpec().getStartingDeadlineSeconds());
      assertEquals(3, job.getSpec().getSuccessfulJobsHistoryLimit());
      assertEquals(1, job.getSpec().getJobTemplate().getSpec().getBackoffLimit());
      assertEquals(14400L, job.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds());
      PodSpec pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
      assertEquals("Never", pod.getRestartPolicy());
      assertFalse(pod.getAutomountServiceAccountToken());
      assertNull(pod.getServiceAccountName());
      assertTrue(pod.getSecurityContext().getRunAsNonRoot());
      Container container = pod.getContainers().get(0);
      assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
      assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
      assertEquals(container.getResources().getLimits().keySet(),
          container.getResources().getRequests().keySet());
      assertEquals("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04", container.getImage());
      String kind = job.getMetadata().getName().substring("db-backup-".length());
      assertEquals(List.of("/bin/sh", "/opt/sqledge/backup.sh", kind), container.getCommand());
      // The password only by reference; the Service's name to connect to.
      var password = container.getEnv().stream()
          .filter(e -> e.getName().equals("SQLCMDPASSWORD")).findFirst().orElseThrow();
      assertNull(password.getValue());
      assertEquals("mssql", password.getValueFrom().getSecretKeyRef().getName());
      assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("SQLEDGE_HOST")
          && e.getValue().equals("db.shop.svc.cluster.local")));
      // On the database's node, where its backup claim is attached.
      var term = pod.getAffinity().getPodAffinity()
          .getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
      assertEquals("kubernetes.io/hostname", term.getTopologyKey());
      assertEquals(Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "db"),
          term.getLabelSelector().getMatchLabels());
    }
  }

  @Test
  void theJobsPodsAreNeverTakenForTheDatabase() throws Exception {
    List<Manifest> manifests = render(BACKED_UP);
    Map<String, String> selector = all(manifests, Deployment.class).get(0).getSpec()
        .getSelector().getMatchLabels();
    for (CronJob job : all(manifests, CronJob.class)) {
      Map<String, String> labels = job.getSpec().getJobTemplate().getSpec().getTemplate()
          .getMetadata().getLabels();
      assertFalse(labels.entrySet().containsAll(selector.entrySet()), labels::toString);
    }
  }

  @Test
  void theConfigMapHoldsTheScriptAndTheTsqlOfEachScheduledKind() throws Exception {
    ConfigMap files = all(render(BACKED_UP), ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals("db-backup")).findFirst().orElseThrow();
    assertEquals(Files.readString(Path.of("../templates/backup.sh")),
        files.getData().get("backup.sh"));
    assertEquals(BackupScript.of(BackupKind.FULL, List.of("sales", "it's"), "FULL"),
        files.getData().get("backup-full.sql"));
    assertEquals(BackupScript.of(BackupKind.LOG, List.of("sales", "it's"), "FULL"),
        files.getData().get("backup-log.sql"));
    assertFalse(files.getData().containsKey("backup-differential.sql"));
  }

  @Test
  void aNetworkPolicyLetsTheJobsIn() throws Exception {
    NetworkPolicy policy = all(render(BACKED_UP + "network:\n  allowFrom:\n"
        + "    - podSelector: {matchLabels: {app: shop}}\n"), NetworkPolicy.class).get(0);
    assertTrue(policy.getSpec().getIngress().get(0).getFrom().stream().anyMatch(peer ->
        peer.getPodSelector() != null && "sqledge-backup".equals(peer.getPodSelector()
            .getMatchLabels().get("app.kubernetes.io/name"))));
  }

  @Test
  void toABucketThereIsNoClaimAndTheKeysComeFromTheirSecret() throws Exception {
    String url = "s3://s3.eu-west-1.amazonaws.com/shop-backups/db";
    List<Manifest> manifests = render(BACKED_UP.replace("claim: {size: 32Gi, className:"
        + " backup-disk}", "url: " + url + "\n  credentialSecret: shop-s3"));
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment", "Service",
        "ConfigMap", "Job", "ConfigMap", "CronJob", "CronJob"),
        manifests.stream().map(Manifest::kind).toList());
    PodSpec database = all(manifests, Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertEquals(1, database.getVolumes().size(), "SQL Server writes to the bucket");
    ConfigMap files = all(manifests, ConfigMap.class).get(1);
    assertEquals(CredentialScript.of(BackupStore.S3, url), files.getData().get("credential.sql"));
    assertEquals(BackupScript.of(BackupKind.FULL, List.of("sales", "it's"), "FULL",
        Optional.of(url)), files.getData().get("backup-full.sql"));
    for (CronJob job : all(manifests, CronJob.class)) {
      PodSpec pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
      assertNull(pod.getAffinity(), "no claim to be near: it runs anywhere the database could");
      Container container = pod.getContainers().get(0);
      assertEquals(Map.of("SQLEDGE_S3_ACCESS_KEY_ID", "accessKeyId",
              "SQLEDGE_S3_SECRET_ACCESS_KEY", "secretAccessKey"),
          container.getEnv().stream().filter(e -> e.getName().startsWith("SQLEDGE_S3_"))
              .collect(Collectors.toMap(e -> e.getName(),
                  e -> e.getValueFrom().getSecretKeyRef().getKey())));
      assertTrue(container.getEnv().stream().filter(e -> e.getName().startsWith("SQLEDGE_S3_"))
          .allMatch(e -> e.getValue() == null
              && e.getValueFrom().getSecretKeyRef().getName().equals("shop-s3")));
      assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("tmp")
          && "Memory".equals(v.getEmptyDir().getMedium())), "the filled credential stays in memory");
      assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getPersistentVolumeClaim() != null));
      assertEquals("s3", env(container, "SQLEDGE_BACKUP_TARGET").getValue());
    }
  }

  @Test
  void toAContainerTheSasTokenComesFromItsSecret() throws Exception {
    String url = "https://shop.blob.core.windows.net/backups/eu";
    List<Manifest> manifests = render(BACKED_UP.replace("claim: {size: 32Gi, className:"
        + " backup-disk}", "url: " + url));
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment", "Service",
        "ConfigMap", "Job", "ConfigMap", "CronJob", "CronJob"),
        manifests.stream().map(Manifest::kind).toList());
    ConfigMap files = all(manifests, ConfigMap.class).get(1);
    assertEquals(CredentialScript.of(BackupStore.AZURE_BLOB, url),
        files.getData().get("credential.sql"));
    assertEquals(BackupScript.of(BackupKind.LOG, List.of("sales", "it's"), "FULL",
        Optional.of(url)), files.getData().get("backup-log.sql"));
    for (CronJob job : all(manifests, CronJob.class)) {
      Container container = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
          .getContainers().get(0);
      assertEquals("azure-blob", env(container, "SQLEDGE_BACKUP_TARGET").getValue());
      SecretKeySelector token = env(container, "SQLEDGE_AZURE_SAS_TOKEN").getValueFrom()
          .getSecretKeyRef();
      assertEquals(List.of("mssql-backup-credential", "sasToken"),
          List.of(token.getName(), token.getKey()));
      assertTrue(container.getEnv().stream().noneMatch(e -> e.getName().startsWith("SQLEDGE_S3_")));
    }
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + container.getEnv()));
  }
}
