package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore goals as Maven's container builds them, on the simulated cluster: a
 * backup taken after apply, and the parameter refusals, each naming its -D property before
 * anything reaches the cluster.
 */
@MojoTest
class BackupMojoTest {

  @TempDir Path basedir;

  private final SimulatedCluster cluster = SimulatedCluster.shared();
  private final CapturingLog log = new CapturingLog();
  private MavenProject project;
  private String namespace;
  private static List<String> nodes;

  @BeforeEach
  void project() throws Exception {
    synchronized (BackupMojoTest.class) {
      if (nodes == null) {
        nodes = cluster.addNodes("backup-mojo", 2);
      }
    }
    project = MojoProjects.project(basedir);
    namespace = cluster.newNamespace("backup-mojo");
    Path config = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "apiVersion: sqledge/v1\nname: orders\nnamespace: " + namespace
        + "\nengine:\n  image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04\n"
        + "storage:\n  className: " + namespace + "-disk\npod:\n  nodeSelector:\n    "
        + SimulatedCluster.POOL_LABEL + ": backup-mojo\nbackup:\n  full: '0 0 * * 0'\n");
  }

  private <T extends Mojo> T configure(T mojo) throws Exception {
    return MojoProjects.configure(mojo, project, new Settings(), cluster.kubeconfig(), log);
  }

  @Test
  @InjectMojo(goal = "apply")
  void aBackupAfterApplyIsTakenAndReported(ApplyMojo apply) throws Exception {
    configure(apply);
    setVariableValueToObject(apply, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    setVariableValueToObject(apply, "saPasswordFrom", "env");
    apply.environment = Map.of("MSSQL_SA_PASSWORD", "Backup-Passw0rd#1");
    apply.execute();
    cluster.awaitSettled(namespace);
    BackupMojo backup = configure(new BackupMojo());
    setVariableValueToObject(backup, "type", "full");
    setVariableValueToObject(backup, "timeout", 120);

    backup.execute();

    String said = log.all();
    assertTrue(said.contains("INFO sqledge: taking a full backup of orders"), said);
    assertTrue(said.matches("(?s).*INFO sqledge: job orders-backup-full-\\d+ finished in \\d+s.*"),
        said);
    assertTrue(!said.contains("Backup-Passw0rd#1"), "the password is never logged");

    // The drill, as a pipeline runs it: a copy restored, checked and removed; the Secret apply
    // made for the instance stays, since the copy only shared it.
    RestoreMojo restore = configure(new RestoreMojo());
    setVariableValueToObject(restore, "database", "sales");
    setVariableValueToObject(restore, "into", "orders-drill");
    setVariableValueToObject(restore, "timeout", 120);

    restore.execute();

    said = log.all();
    assertTrue(said.contains("INFO sqledge: restore drill of sales from orders into the copy"
        + " orders-drill, to the end of its last backup"), said);
    assertTrue(said.matches("(?s).*INFO sqledge: the copy was ready in \\d+s; job"
        + " orders-restore-\\d+ restored and checked it in \\d+s.*"), said);
    assertTrue(said.contains("INFO sqledge: the copy orders-drill is removed"), said);
    assertEquals(null, cluster.admin().apps().deployments().inNamespace(namespace)
        .withName("orders-drill").get());
    assertEquals(List.of("orders-app", "mssql"), cluster.admin().secrets().inNamespace(namespace)
        .withLabel("app.kubernetes.io/managed-by", "sqledge-maven-plugin").list().getItems()
        .stream().map(s -> s.getMetadata().getName()).sorted(Comparator.reverseOrder())
        .toList(), "the SA password's and the app login's; the copy made none");
    assertTrue(!said.contains("Backup-Passw0rd#1"), "the password is never logged");
  }

  @Test
  void aKindThatDoesNotExistIsRefused() throws Exception {
    BackupMojo backup = configure(new BackupMojo());
    setVariableValueToObject(backup, "type", "incremental");

    MojoFailureException e = assertThrows(MojoFailureException.class, backup::execute);

    assertTrue(e.getMessage().contains("-Dsqledge.backup.type is `incremental`"), e::getMessage);
    assertNothingRan();
  }

  @Test
  void restoreRefusesWhatItCannotReadBeforeTouchingTheCluster() throws Exception {
    assertRefused(Map.of(), "-Dsqledge.restore.database is not set");
    assertRefused(Map.of("database", "sales", "pointInTime", "yesterday"),
        "-Dsqledge.restore.pointInTime is not an ISO-8601 time");
    assertRefused(Map.of("database", "sales", "pointInTime", "2026-12-07T05:30:00"),
        "with an offset");
    assertRefused(Map.of("database", "sales", "from", "../../etc/passwd"),
        "-Dsqledge.restore.from is not the name of a full backup file");
    assertRefused(Map.of("database", "sales", "from", "20261206T000000Z_log_5_sales.bak"),
        "-Dsqledge.restore.from is not the name of a full backup file");
    assertRefused(Map.of("database", "a\nb"), "-Dsqledge.restore.database is not a database");
    assertRefused(Map.of("database", "sales", "into", "Sales_Drill"),
        "-Dsqledge.restore.into `Sales_Drill` cannot name the copy");
    assertNothingRan();
  }

  @Test
  void restoreWithoutBackupsNamesTheKeyToSet() throws Exception {
    RestoreMojo restore = configure(new RestoreMojo());
    setVariableValueToObject(restore, "database", "sales");
    setVariableValueToObject(restore, "timeout", 10);

    MojoFailureException e = assertThrows(MojoFailureException.class, restore::execute);

    assertTrue(e.getMessage().contains("there is no CronJob orders-backup-full"), e::getMessage);
    assertTrue(e.getMessage().contains("mvn sqledge:apply"), e::getMessage);
  }

  @Test
  void aDrillIntoTheInstanceItselfOrACopyThatCannotBeIsRefused() throws Exception {
    assertRefused(Map.of("database", "sales", "into", "orders"),
        "-Dsqledge.restore.into names the instance itself");
    assertRefused(Map.of("database", "sales", "into", "d".repeat(33)),
        "the drill's copy -Dsqledge.restore.into=" + "d".repeat(33) + " cannot be made from the"
            + " configuration of orders:");
    assertNothingRan();
  }

  private void assertRefused(Map<String, String> parameters, String expected) throws Exception {
    RestoreMojo restore = configure(new RestoreMojo());
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      setVariableValueToObject(restore, parameter.getKey(), parameter.getValue());
    }
    MojoFailureException e = assertThrows(MojoFailureException.class, restore::execute);
    assertTrue(e.getMessage().contains(expected), e::getMessage);
  }

  private void assertNothingRan() {
    assertEquals(List.of(), cluster.admin().batch().v1().jobs().inNamespace(namespace).list()
        .getItems());
  }
}
