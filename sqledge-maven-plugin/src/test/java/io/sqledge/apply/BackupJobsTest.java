package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.SimulatedDatabases.Database;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.BackupRun;
import io.sqledge.operate.RestoreDrill;
import io.sqledge.operate.RestoreRun;
import io.sqledge.render.BackupModel;
import io.sqledge.render.ManifestModel;
import io.sqledge.sql.RestoreScript;
import io.sqledge.operate.InstanceStatus;
import io.sqledge.operate.InstanceStatus.BackupState;
import io.sqledge.operate.StatusReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backups and restores on the simulated cluster (real controllers and scheduler; KWOK ends the Jobs'
 * pods, as a kubelet would once the container exits): the CronJobs are accepted, a backup taken
 * now runs on the database's node, where its claim is, and is reported when it finished or failed,
 * and the CronJob controller itself runs the jobs on schedule. No container runs, so what sqlcmd
 * and SQL Server do inside is not executed here (docs/backups.md).
 */
class BackupJobsTest {

  /** After the ha section that SimulatedDatabases' configuration ends with: top-level keys. */
  private static final String BACKUPS = """
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      backup:
        full: "0 0 * * 0"
        log: "* * * * *"
      """;

  private static SimulatedCluster cluster;
  private static KubernetesClient admin;
  private static SimulatedDatabases on;

  @BeforeAll
  static void start() {
    cluster = SimulatedCluster.shared();
    admin = cluster.admin();
    on = new SimulatedDatabases(cluster);
  }

  /** A database with backups on two nodes; the backup claim gets the data's class. */
  private static Database deploy(String pool) throws Exception {
    return on.deploy(pool, "Deployment", 30, 2, BACKUPS);
  }

  @Test
  void aBackupTakenNowRunsOnTheDatabasesNodeAndIsReported() throws Exception {
    String ns = deploy("backup-now").namespace();

    BackupRun.Report report = new BackupRun(admin, Clock.systemUTC()).run("db", ns, "full",
        Duration.ofSeconds(120));

    Job job = admin.batch().v1().jobs().inNamespace(ns).withName(report.job()).get();
    assertTrue(report.job().startsWith("db-backup-full-"), report.job());
    assertEquals(1, job.getStatus().getSucceeded());
    assertEquals("CronJob", job.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals("manual", job.getMetadata().getAnnotations()
        .get("cronjob.kubernetes.io/instantiate"));
    Pod backup = admin.pods().inNamespace(ns).withLabel("job-name", report.job()).list()
        .getItems().get(0);
    assertEquals(on.runningPod(ns).getSpec().getNodeName(), backup.getSpec().getNodeName(),
        "the job runs where the backup claim is attached");
    assertFalse(report.logRead(), "a simulated node serves no log");

    // sqledge:status tells it: the full backup worked, and the log CronJob has not run yet.
    InstanceStatus status = new StatusReader(admin).read(
        ApplyFixtures.instance(SimulatedDatabases.settings(ns, "backup-now", "Deployment", 30,
            BACKUPS)).manifests(), ns);
    assertEquals(List.of("full", "log"), status.backups().stream().map(BackupState::kind)
        .toList());
    assertEquals(job.getStatus().getCompletionTime(),
        status.backups().get(0).lastSucceeded().orElseThrow().toString());
    assertFalse(status.backups().get(0).missed());
  }

  @Test
  void aFailedBackupFailsWithTheJobsReasonAndThePodsExit() throws Exception {
    String ns = deploy("backup-fails").namespace();
    // sqlcmd exits 1, as it does with -b when SQL Server reports an error.
    admin.batch().v1().cronjobs().inNamespace(ns).withName("db-backup-full").edit(c -> {
      c.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata()
          .setAnnotations(Map.of("sqledge.test/exit-code", "1"));
      return c;
    });

    SqledgeException e = assertThrows(SqledgeException.class, () -> new BackupRun(admin,
        Clock.systemUTC()).run("db", ns, "full", Duration.ofSeconds(120)));

    String message = e.problems().get(0).message();
    assertTrue(message.contains("failed (BackoffLimitExceeded"), message);
    assertTrue(message.contains("the last exited with 1 (Error)"), message);
    assertTrue(e.problems().get(0).fix().contains("kubectl logs job/db-backup-full-"),
        e.problems().get(0)::render);
    // backoffLimit 1: tried twice.
    assertEquals(2, admin.pods().inNamespace(ns).withLabel("sqledge.io/backup-kind", "full")
        .list().getItems().size());
  }

  @Test
  void aRestoreRunsItsScriptOnceOnTheDatabasesNodeFromAConfigMapItOwns() throws Exception {
    String ns = deploy("restore-now").namespace();
    Instant time = Instant.parse("2026-12-07T05:30:00Z");
    RestoreRun.Request request = new RestoreRun.Request("it's", Optional.of(time),
        Optional.empty(), true);

    RestoreRun.Report report = new RestoreRun(admin, Clock.systemUTC()).run("db", ns, request,
        Duration.ofSeconds(120));

    Job job = admin.batch().v1().jobs().inNamespace(ns).withName(report.job()).get();
    assertEquals(1, job.getStatus().getSucceeded());
    assertEquals(0, job.getSpec().getBackoffLimit(), "a restore is not tried again");
    assertEquals("restore", job.getMetadata().getLabels().get(BackupModel.KIND_LABEL),
        "never counted as a backup by status");
    var pod = job.getSpec().getTemplate().getSpec();
    assertEquals(List.of("/bin/sh", "/opt/sqledge/backup.sh", "restore"),
        pod.getContainers().get(0).getCommand());
    ConfigMap script = admin.configMaps().inNamespace(ns).withName(report.job()).get();
    assertEquals(RestoreScript.of("it's", Optional.of(time), Optional.empty(), true),
        script.getData().get("restore.sql"));
    assertEquals(job.getMetadata().getUid(),
        script.getMetadata().getOwnerReferences().get(0).getUid());
    assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getProjected() != null
        && v.getProjected().getSources().size() == 2), "backup.sh beside restore.sql");
    Pod restore = admin.pods().inNamespace(ns).withLabel("job-name", report.job()).list()
        .getItems().get(0);
    assertEquals(on.runningPod(ns).getSpec().getNodeName(), restore.getSpec().getNodeName());
  }

  /**
   * The drill: the copy comes up on the original's node with the backup claim read-only, the
   * job plans on the original and restores into the copy, and the copy goes; the original, its
   * backup claim and the shared SA password Secret stay. Kept, the copy is there to look at.
   */
  @Test
  void aRestoreDrillRestoresIntoACopyOnTheOriginalsNodeAndRemovesIt() throws Exception {
    String more = BACKUPS + "network:\n  allowFrom:\n    - podSelector: {matchLabels: {app: shop}}\n";
    Database database = on.deploy("drill", "Deployment", 30, 2, more);
    String ns = database.namespace();
    ApplyFixtures.Instance original = ApplyFixtures.instance(SimulatedDatabases.settings(ns,
        "drill", "Deployment", 30, more));
    ApplyFixtures.Instance copy = ApplyFixtures.instance(SimulatedDatabases.settings(ns, "drill",
        "Deployment", 30, more), RestoreDrill.copyOverrides(original.config(), "db-drill"));
    RestoreRun.Request request = new RestoreRun.Request("sales", Optional.empty(),
        Optional.empty(), false);
    RestoreDrill drill = new RestoreDrill(admin, new ApplyFixtures.RecordingLog(),
        Clock.systemUTC());

    RestoreDrill.Report kept = drill.run(original.config(), original.manifests(), copy.config(),
        copy.manifests(), request, Duration.ofSeconds(120), true);

    Pod copyPod = admin.pods().inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", "db-drill").list().getItems().stream()
        .filter(p -> p.getMetadata().getLabels().get("job-name") == null).findFirst()
        .orElseThrow();
    assertEquals(on.runningPod(ns).getSpec().getNodeName(), copyPod.getSpec().getNodeName(),
        "the copy reads the backup claim where it is attached");
    var backupVolume = copyPod.getSpec().getVolumes().stream()
        .filter(v -> v.getPersistentVolumeClaim() != null
            && v.getPersistentVolumeClaim().getClaimName().equals("db-backup"))
        .findFirst().orElseThrow();
    assertTrue(backupVolume.getPersistentVolumeClaim().getReadOnly());
    assertTrue(copyPod.getSpec().getContainers().get(0).getVolumeMounts().stream()
        .filter(m -> m.getName().equals(backupVolume.getName())).allMatch(m -> m.getReadOnly()));
    assertEquals("ClusterIP", admin.services().inNamespace(ns).withName("db-drill").get()
        .getSpec().getType());
    assertTrue(admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
        .noneMatch(c -> c.getMetadata().getName().startsWith("db-drill")), "a copy takes no backups");
    var policy = admin.network().v1().networkPolicies().inNamespace(ns).withName("db-drill").get();
    assertTrue(policy.getSpec().getIngress().get(0).getFrom().stream().anyMatch(peer ->
        peer.getPodSelector() != null && "db".equals(peer.getPodSelector().getMatchLabels()
            .get("app.kubernetes.io/instance"))), "the drill's job, with the original's labels");
    Job job = admin.batch().v1().jobs().inNamespace(ns).withName(kept.restore().job()).get();
    assertEquals(1, job.getStatus().getSucceeded());
    assertEquals("drill", job.getMetadata().getLabels().get(BackupModel.KIND_LABEL));
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(List.of("/bin/sh", "/opt/sqledge/backup.sh", "drill"), container.getCommand());
    assertEquals("db-drill." + ns + ".svc.cluster.local", container.getEnv().stream()
        .filter(e -> e.getName().equals("SQLEDGE_COPY_HOST")).findFirst().orElseThrow()
        .getValue());
    assertEquals(Map.of("restore-plan.sql", RestoreScript.drillPlan("sales", Optional.empty(),
            Optional.empty()), "restore-head.sql", RestoreScript.drillHead("sales",
            Optional.empty()), "restore-apply.sql", RestoreScript.drillApply()),
        admin.configMaps().inNamespace(ns).withName(kept.restore().job()).get().getData());
    assertTrue(kept.kept());
    assertEquals(Optional.empty(), kept.lossWindow(), "a simulated node serves no log");

    // As if apply had made the Secret: the drill's removal must still leave it.
    admin.secrets().inNamespace(ns).withName("mssql").edit(secret -> {
      secret.getMetadata().setLabels(Map.of("app.kubernetes.io/managed-by",
          ManifestModel.MANAGED_BY));
      return secret;
    });
    RestoreDrill.Report removed = drill.run(original.config(), original.manifests(),
        copy.config(), copy.manifests(), request, Duration.ofSeconds(120), false);

    assertFalse(removed.kept());
    assertEquals(null, admin.apps().deployments().inNamespace(ns).withName("db-drill").get());
    assertEquals(null, admin.services().inNamespace(ns).withName("db-drill").get());
    var claim = admin.persistentVolumeClaims().inNamespace(ns).withName("db-drill-data").get();
    assertTrue(claim == null || claim.getMetadata().getDeletionTimestamp() != null);
    assertTrue(admin.apps().deployments().inNamespace(ns).withName("db").get() != null);
    var backups = admin.persistentVolumeClaims().inNamespace(ns).withName("db-backup").get();
    assertTrue(backups != null && backups.getMetadata().getDeletionTimestamp() == null);
    assertTrue(admin.secrets().inNamespace(ns).withName("mssql").get() != null,
        "the SA password Secret is the original's too");
  }

  @Test
  void aFailedRestoreIsReported() throws Exception {
    String ns = deploy("restore-fails").namespace();
    admin.batch().v1().cronjobs().inNamespace(ns).withName("db-backup-full").edit(c -> {
      c.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata()
          .setAnnotations(Map.of("sqledge.test/exit-code", "1"));
      return c;
    });

    SqledgeException e = assertThrows(SqledgeException.class, () -> new RestoreRun(admin,
        Clock.systemUTC()).run("db", ns, new RestoreRun.Request("sales", Optional.empty(),
        Optional.empty(), false), Duration.ofSeconds(120)));

    String message = e.problems().get(0).message();
    assertTrue(message.startsWith("the restore job db-restore-"), message);
    assertTrue(message.contains("1 pod(s), the last exited with 1 (Error)"), message);
  }

  /** The backup claim is where the database runs: with no database pod, nowhere. */
  @Test
  void aBackupWithoutARunningDatabaseSaysWhyItsPodWaits() throws Exception {
    String ns = deploy("backup-nowhere").namespace();
    admin.apps().deployments().inNamespace(ns).withName("db").scale(0);
    admin.pods().inNamespace(ns).withLabel("app.kubernetes.io/name", "mssql")
        .informOnCondition(List::isEmpty).get(60, TimeUnit.SECONDS);

    SqledgeException e = assertThrows(SqledgeException.class, () -> new BackupRun(admin,
        Clock.systemUTC()).run("db", ns, "full", Duration.ofSeconds(20)));

    String message = e.problems().get(0).message();
    assertTrue(message.contains("did not finish within 20s"), message);
    assertTrue(message.contains("its pod was not scheduled ("), message);
    assertTrue(message.contains("it runs only on the node of a running database pod"), message);
  }

  @Test
  void aKindWithoutAScheduleIsNamed() throws Exception {
    String ns = cluster.newNamespace("backup-none");
    SqledgeException e = assertThrows(SqledgeException.class, () -> new BackupRun(admin,
        Clock.systemUTC()).run("db", ns, "differential", Duration.ofSeconds(10)));
    assertTrue(e.problems().get(0).message().contains("there is no CronJob db-backup-differential"),
        e.problems().get(0)::render);
    assertTrue(e.problems().get(0).fix().contains("`backup.differential`"));
  }

  @Test
  void theCronJobControllerRunsTheJobsOnSchedule() throws Exception {
    String ns = deploy("backup-cron").namespace();

    // "* * * * *": the controller starts a log backup at the next minute.
    CronJob done = admin.batch().v1().cronjobs().inNamespace(ns).withName("db-backup-log")
        .waitUntilCondition(c -> c != null && c.getStatus() != null
            && c.getStatus().getLastSuccessfulTime() != null, 150, TimeUnit.SECONDS);

    List<Job> jobs = admin.batch().v1().jobs().inNamespace(ns)
        .withLabels(Map.of("sqledge.io/backup-kind", "log")).list().getItems();
    assertFalse(jobs.isEmpty());
    assertTrue(jobs.stream().allMatch(j -> "CronJob".equals(j.getMetadata().getOwnerReferences()
        .get(0).getKind())));
    assertTrue(done.getStatus().getLastScheduleTime() != null);
  }
}
