package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.RealCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply and delete goals against a real kube-apiserver, as Maven's container builds them:
 * credentials from the environment and from settings.xml, dry run, a missing Secret, delete, and a
 * scan of every log line and every file under target/ for the password (there must be none).
 */
@MojoTest
class ApplyMojoTest {

  private static final String PASSWORD = "Mojo-Test-Passw0rd#42";

  @TempDir Path basedir;

  private final RealCluster cluster = RealCluster.shared();
  private final CapturingLog log = new CapturingLog();
  private final Settings settings = new Settings();
  private MavenProject project;
  private String namespace;

  @BeforeEach
  void project() throws Exception {
    project = MojoProjects.project(basedir);
    namespace = cluster.newNamespace("mojo");
    Path config = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "apiVersion: sqledge/v1\nname: orders\nnamespace: " + namespace
        + "\nstorage:\n  className: mojo-" + namespace + "\n");
  }

  private <T extends Mojo> T configure(T mojo) throws Exception {
    return MojoProjects.configure(mojo, project, settings, cluster.kubeconfig(), log);
  }

  private ApplyMojo configureApply(ApplyMojo mojo) throws Exception {
    configure(mojo);
    setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    setVariableValueToObject(mojo, "wait", false);
    return mojo;
  }

  /** Every occurrence of the SA password or its base64 form in the log and under target/. */
  private List<String> secretHits() throws Exception {
    return hits(PASSWORD);
  }

  /** Every occurrence of {@code password} or its base64 form in the log and under target/. */
  private List<String> hits(String password) throws Exception {
    String base64 = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    List<String> hits = new java.util.ArrayList<>();
    if (log.all().contains(password) || log.all().contains(base64)) {
      hits.add("build log");
    }
    Path target = basedir.resolve("target");
    if (Files.exists(target)) {
      try (Stream<Path> files = Files.walk(target)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          if (text.contains(password) || text.contains(base64)) {
            hits.add(file.toString());
          }
        }
      }
    }
    return hits;
  }

  @Test
  @InjectMojo(goal = "apply")
  void appliesWithTheSecretFromTheEnvironmentAndNeverShowsThePassword(ApplyMojo mojo)
      throws Exception {
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    var secret = cluster.admin().secrets().inNamespace(namespace).withName("mssql").get();
    assertEquals(PASSWORD, new String(Base64.getDecoder().decode(
        secret.getData().get("MSSQL_SA_PASSWORD")), StandardCharsets.UTF_8));
    assertNotNull(cluster.admin().apps().deployments().inNamespace(namespace).withName("orders").get());
    assertTrue(log.all().contains("INFO sqledge: 9 resources in namespace " + namespace
        + ": 9 created, 0 configured, 0 unchanged"), log::all);
    assertTrue(Files.isRegularFile(basedir.resolve("target/sqledge/manifests.yaml")));
    assertEquals(List.of(), secretHits());
  }

  /**
   * The login's password apply generated is in its Secret, and nowhere in the build log or
   * under target/; the build gets the database, the login and the Secret's name.
   */
  @Test
  @InjectMojo(goal = "apply")
  void theApplicationLoginsPasswordIsInItsSecretOnly(ApplyMojo mojo) throws Exception {
    // Behind a ClusterIP Service the address is known without waiting, so apply publishes it.
    Files.writeString(basedir.resolve("src/main/sqledge/sqledge.yaml"), "apiVersion: sqledge/v1\n"
        + "name: orders\nnamespace: " + namespace + "\nstorage:\n  className: mojo-" + namespace
        + "\nservice:\n  type: ClusterIP\n");
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    var secret = cluster.admin().secrets().inNamespace(namespace).withName("orders-app").get();
    String login = new String(Base64.getDecoder().decode(secret.getData().get("password")),
        StandardCharsets.UTF_8);
    assertEquals(32, login.length());
    assertEquals(List.of(), hits(login), "the generated password is in its Secret only");
    assertEquals(List.of(), secretHits());
    var properties = project.getProperties();
    assertEquals("app", properties.getProperty("sqledge.database"));
    assertEquals("app", properties.getProperty("sqledge.username"));
    assertEquals("orders-app", properties.getProperty("sqledge.passwordSecret"));
    assertTrue(properties.getProperty("sqledge.jdbcUrl").contains(";databaseName=app;"));
    assertFalse(properties.containsValue(login));

    mojo.execute();
    assertEquals(secret.getData().get("password"), cluster.admin().secrets()
        .inNamespace(namespace).withName("orders-app").get().getData().get("password"),
        "a second apply keeps the password");
    assertEquals(List.of(), hits(login));
  }

  @Test
  @InjectMojo(goal = "apply")
  void appliesWithTheSecretFromSettingsXml(ApplyMojo mojo) throws Exception {
    Server server = new Server();
    server.setId("orders-sa");
    server.setPassword(PASSWORD);
    settings.addServer(server);
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "settings");
    setVariableValueToObject(mojo, "saPasswordServerId", "orders-sa");

    mojo.execute();

    var secret = cluster.admin().secrets().inNamespace(namespace).withName("mssql").get();
    assertEquals(PASSWORD, new String(Base64.getDecoder().decode(
        secret.getData().get("MSSQL_SA_PASSWORD")), StandardCharsets.UTF_8));
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "apply")
  void aMissingSettingsServerIsAClearError(ApplyMojo mojo) throws Exception {
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "settings");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("sqledge: -Dsqledge.saPasswordFrom=settings, but there"
        + " is no settings.xml server `sqledge`"), e::getMessage);
  }

  @Test
  @InjectMojo(goal = "apply")
  void aMissingSecretFailsTheBuildAndAppliesNothing(ApplyMojo mojo) throws Exception {
    configureApply(mojo);

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains("kubectl create secret generic mssql -n " + namespace),
        e::getMessage);
    assertNull(cluster.admin().apps().deployments().inNamespace(namespace).withName("orders").get());
  }

  @Test
  @InjectMojo(goal = "apply")
  void dryRunReportsAndChangesNothing(ApplyMojo mojo) throws Exception {
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    setVariableValueToObject(mojo, "dryRun", true);
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    assertTrue(log.all().contains("dry run, nothing changed: 9 resources in namespace "
        + namespace + ": 9 to create"), log::all);
    assertNull(cluster.admin().secrets().inNamespace(namespace).withName("mssql").get());
    assertNull(cluster.admin().apps().deployments().inNamespace(namespace).withName("orders").get());
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "apply")
  void skipDoesNothing(ApplyMojo mojo) throws Exception {
    configureApply(mojo);
    setVariableValueToObject(mojo, "skipApply", true);

    mojo.execute();

    assertEquals("INFO sqledge: apply skipped (sqledge.apply.skip=true)", log.all());
    assertFalse(Files.exists(basedir.resolve("target/sqledge")));
  }

  @Test
  @InjectMojo(goal = "delete")
  void deleteKeepsTheDataUnlessAsked(DeleteMojo delete) throws Exception {
    ApplyMojo apply = (ApplyMojo) new ApplyMojo();
    // The apply goal's defaults, as Maven would set them.
    setVariableValueToObject(apply, "saPasswordFrom", "env");
    setVariableValueToObject(apply, "saPasswordServerId", "sqledge");
    setVariableValueToObject(apply, "timeout", 60);
    configureApply(apply);
    apply.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);
    apply.execute();
    configure(delete);

    delete.execute();

    assertTrue(log.all().contains("sqledge: removed 5, kept 3, not found 0"), log::all);
    assertNull(cluster.admin().services().inNamespace(namespace).withName("orders").get());
    assertNotNull(cluster.admin().persistentVolumeClaims().inNamespace(namespace)
        .withName("mssql-data").get());

    setVariableValueToObject(delete, "deleteData", true);
    delete.execute();

    assertNull(cluster.admin().secrets().inNamespace(namespace).withName("mssql").get());
    assertNull(cluster.admin().storage().v1().storageClasses().withName("mojo-" + namespace).get());
    assertNotNull(cluster.admin().namespaces().withName(namespace).get());
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "diff")
  void diffFailsOnDifferencesOnlyWhenAskedAndPassesOnceApplied(DiffMojo diff) throws Exception {
    configure(diff);
    diff.execute();
    assertTrue(log.all().contains("sqledge: 7 of 7 resources differ from the cluster (namespace "
        + namespace + ")"), log::all);

    setVariableValueToObject(diff, "failOnDiff", true);
    MojoFailureException e = assertThrows(MojoFailureException.class, diff::execute);
    assertTrue(e.getMessage().contains("7 of 7 resources differ"), e::getMessage);

    ApplyMojo apply = new ApplyMojo();
    setVariableValueToObject(apply, "saPasswordFrom", "env");
    setVariableValueToObject(apply, "saPasswordServerId", "sqledge");
    setVariableValueToObject(apply, "timeout", 60);
    configureApply(apply);
    apply.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);
    apply.execute();

    diff.execute();
    assertTrue(log.all().contains("sqledge: 0 of 7 resources differ"), log::all);
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "apply")
  void theConnectionReachesTheBuildAndAFileAndIsNeverReadBackAsAnOverride(ApplyMojo mojo)
      throws Exception {
    Files.writeString(basedir.resolve("src/main/sqledge/sqledge.yaml"), "apiVersion: sqledge/v1\n"
        + "namespace: " + namespace + "\nstorage:\n  className: conn-" + namespace + "\n"
        + "service:\n  type: ClusterIP\n  port: 1500\nconnection:\n  database: orders\n"
        + "instances:\n  - name: service\n    service: {port: 1600}\n  - name: store-002\n");
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    String host = "store-002." + namespace + ".svc.cluster.local";
    String url = "jdbc:sqlserver://" + host + ":1500;databaseName=orders;encrypt=true;"
        + "trustServerCertificate=true";
    var properties = project.getProperties();
    assertEquals(host, properties.getProperty("sqledge.store-002.host"));
    assertEquals("1500", properties.getProperty("sqledge.store-002.port"));
    assertEquals(host + ",1500", properties.getProperty("sqledge.store-002.endpoint"));
    assertEquals(url, properties.getProperty("sqledge.store-002.jdbcUrl"));
    assertEquals("1600", properties.getProperty("sqledge.service.port"), "instance `service`");
    assertNull(properties.getProperty("sqledge.jdbcUrl"), "a fleet has no unprefixed properties");
    var file = new java.util.Properties();
    try (var reader = Files.newBufferedReader(
        basedir.resolve("target/sqledge/store-002/connection.properties"))) {
      file.load(reader);
    }
    assertEquals(url, file.getProperty("jdbcUrl"));
    assertEquals(Set.of("host", "port", "endpoint", "jdbcUrl", "database", "username",
        "passwordSecret"), file.stringPropertyNames());
    assertEquals("orders", file.getProperty("database"), "connection.database, not `app`");
    assertEquals("app", file.getProperty("username"));
    assertEquals("store-002-app", file.getProperty("passwordSecret"));

    // A later goal of the same build reads no published property as a configuration override
    // (sqledge.service.port would set service.port, sqledge.store-002.host is no key at all), and
    // the connection file does not make the manifests look changed.
    mojo.execute();
    assertEquals(2, log.all().split(": 0 created, 0 configured,", -1).length - 1, log::all);
    assertFalse(log.all().contains("is neither a configuration path"), log::all);
    assertTrue(Files.isRegularFile(basedir.resolve("target/sqledge/store-002/connection.properties")));
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "apply")
  void aFleetIsAppliedInstanceByInstance(ApplyMojo mojo) throws Exception {
    Files.writeString(basedir.resolve("src/main/sqledge/sqledge.yaml"), "apiVersion: sqledge/v1\n"
        + "namespace: " + namespace + "\nstorage:\n  className: fleet-" + namespace + "\n"
        + "instances:\n  - name: store-001\n  - name: store-002\n");
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    for (String store : List.of("store-001", "store-002")) {
      assertNotNull(cluster.admin().apps().deployments().inNamespace(namespace).withName(store).get());
      assertNotNull(cluster.admin().persistentVolumeClaims().inNamespace(namespace)
          .withName(store + "-data").get());
    }
    assertTrue(log.all().contains("sqledge: instance store-002"), log::all);
    assertEquals(List.of(), secretHits());
  }

  @Test
  @InjectMojo(goal = "apply")
  void oneNameInTwoNamespacesIsAppliedAndPublishedPerNamespace(ApplyMojo mojo) throws Exception {
    String other = cluster.newNamespace("mojo-other");
    Files.writeString(basedir.resolve("src/main/sqledge/sqledge.yaml"), "apiVersion: sqledge/v1\n"
        + "storage:\n  className: twice-" + namespace + "\nservice:\n  type: ClusterIP\n"
        + "instances:\n  - name: db\n    namespace: " + namespace + "\n"
        + "  - name: db\n    namespace: " + other + "\n");
    configureApply(mojo);
    setVariableValueToObject(mojo, "saPasswordFrom", "env");
    mojo.environment = Map.of("MSSQL_SA_PASSWORD", PASSWORD);

    mojo.execute();

    for (String ns : List.of(namespace, other)) {
      assertNotNull(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get());
      assertEquals("db." + ns + ".svc.cluster.local",
          project.getProperties().getProperty("sqledge." + ns + ".db.host"));
      assertTrue(Files.isRegularFile(basedir.resolve("target/sqledge/" + ns
          + "/db/connection.properties")));
    }
    assertEquals(List.of(), secretHits());
  }
}
