package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.apply.ResourceChange.Outcome;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.operate.InstanceStatus;
import io.sqledge.operate.StatusReader;
import io.sqledge.render.AccountsModel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The databases and logins on the simulated cluster (real controllers and scheduler; KWOK ends
 * the Job's pod, as a kubelet would once sqlcmd exits): apply makes each login's Secret, applies
 * the accounts Job after the database is ready, waits for it and says so; a re-apply without a
 * change runs nothing; a changed declaration, or a changed password, runs the job again. What
 * sqlcmd and SQL Server do inside is not executed here (docs/databases-and-logins.md).
 */
class AccountsOnTheClusterTest {

  private static final String DECLARED = """
      databases:
        - name: app
          owner: app
        - name: sales
          roles: [reporting]
      logins:
        - name: reader
          passwordSecret: reader-password
          roles: {sales: "db_datareader, reporting"}
      """;

  private final SimulatedCluster cluster = SimulatedCluster.shared();
  private final KubernetesClient admin = cluster.admin();
  private final SimulatedDatabases on = new SimulatedDatabases(cluster);

  private record Applied(String ns, Instance instance, ApplyReport report, RecordingLog log) {}

  private Applied applyNew(String prefix, String settings) throws Exception {
    cluster.addNodes(prefix, 1);
    String ns = cluster.newNamespace(prefix);
    ApplyFixtures.createSecret(admin, ns);
    admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("reader-password").endMetadata()
        .withStringData(Map.of("password", "Reader-Pass-1")).build()).create();
    return applyAgain(ns, prefix, settings);
  }

  private Applied applyAgain(String ns, String prefix, String settings) throws Exception {
    Instance instance = ApplyFixtures.instance(SimulatedDatabases.settings(ns, prefix,
        "Deployment", 30, settings));
    RecordingLog log = new RecordingLog();
    ApplyReport report = on.apply(instance, ns, log);
    return new Applied(ns, instance, report, log);
  }

  private Map<String, String> data(String ns, String secret) {
    Secret live = admin.secrets().inNamespace(ns).withName(secret).get();
    return live.getData().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }

  private List<Job> jobs(String ns) {
    return admin.batch().v1().jobs().inNamespace(ns)
        .withLabel("app.kubernetes.io/name", AccountsModel.ACCOUNTS).list().getItems();
  }

  @Test
  void applyHandsEachLoginOverAndWaitsForTheJobOnceTheDatabaseIsReady() throws Exception {
    Applied applied = applyNew("accounts", DECLARED);
    String ns = applied.ns();

    Map<String, String> app = data(ns, "db-app");
    assertEquals("app", app.get("username"));
    assertEquals("db." + ns + ".svc", app.get("host"));
    assertEquals("1433", app.get("port"));
    assertEquals("app", app.get("database"));
    assertEquals("jdbc:sqlserver://db." + ns + ".svc:1433;databaseName=app;encrypt=true;"
        + "trustServerCertificate=true", app.get("jdbcUrl"));
    assertEquals(32, app.get("password").length(), "generated");
    assertEquals(Optional.empty(), PasswordPolicy.violation(SaPassword.of(app.get("password"))));
    Map<String, String> reader = data(ns, "db-reader");
    assertEquals("Reader-Pass-1", reader.get("password"), "copied from its passwordSecret");
    assertEquals("sales", reader.get("database"));

    Job job = jobs(ns).get(0);
    assertEquals(1, job.getStatus().getSucceeded(), "apply returned once the job had run");
    assertEquals(Optional.of(List.of()), applied.report().accounts(),
        "the simulated node serves no log");
    assertTrue(applied.log().lines.stream().anyMatch(line -> line.equals("Job/"
        + job.getMetadata().getName() + " (databases and logins) completed; the node does not"
        + " serve its log, so what it changed is not known here")), applied.log().lines::toString);
    assertFalse(String.join("\n", applied.log().lines).contains("Reader-Pass-1"));
    assertFalse(String.join("\n", applied.log().lines).contains(app.get("password")));

    InstanceStatus status = new StatusReader(admin).read(applied.instance().manifests(), ns);
    assertEquals(Optional.of(new InstanceStatus.AccountsState(job.getMetadata().getName(),
        "completed", Optional.empty())), status.accounts(), "status sees the job that ran");
  }

  @Test
  void aReApplyWithoutAChangeRunsNothingAndKeepsEveryPassword() throws Exception {
    Applied first = applyNew("accounts-again", DECLARED);
    String ns = first.ns();
    String password = data(ns, "db-app").get("password");
    Job ran = jobs(ns).get(0);

    Applied second = applyAgain(ns, "accounts-again", DECLARED);

    assertEquals(List.of(), second.report().changes().stream()
        .filter(change -> change.outcome() != Outcome.UNCHANGED).toList());
    assertEquals(password, data(ns, "db-app").get("password"), "never overwritten");
    List<Job> jobs = jobs(ns);
    assertEquals(1, jobs.size());
    assertEquals(ran.getMetadata().getUid(), jobs.get(0).getMetadata().getUid(),
        "the job that ran is the one there: nothing ran again");
  }

  @Test
  void aChangedDeclarationOrPasswordRunsTheJobAgain() throws Exception {
    Applied first = applyNew("accounts-change", DECLARED);
    String ns = first.ns();
    String before = jobs(ns).get(0).getMetadata().getName();

    applyAgain(ns, "accounts-change", DECLARED.replace("db_datareader, reporting",
        "db_datareader"));
    List<String> names = jobs(ns).stream().map(j -> j.getMetadata().getName()).toList();
    assertEquals(2, names.size(), names::toString);
    String after = names.stream().filter(n -> !n.equals(before)).findFirst().orElseThrow();
    assertEquals(1, admin.batch().v1().jobs().inNamespace(ns).withName(after).get().getStatus()
        .getSucceeded());

    // The user rotates the password in their Secret: the job that ran goes, a new run of it
    // alters the login.
    String uid = admin.batch().v1().jobs().inNamespace(ns).withName(after).get().getMetadata()
        .getUid();
    admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("reader-password").endMetadata()
        .withStringData(Map.of("password", "Reader-Pass-2")).build()).update();
    Applied rotated = applyAgain(ns, "accounts-change", DECLARED.replace(
        "db_datareader, reporting", "db_datareader"));
    assertEquals("Reader-Pass-2", data(ns, "db-reader").get("password"));
    Job rerun = admin.batch().v1().jobs().inNamespace(ns).withName(after).get();
    assertNotEquals(uid, rerun.getMetadata().getUid(), "made anew");
    assertEquals(1, rerun.getStatus().getSucceeded());
    assertTrue(rotated.log().lines.contains("Job/" + after + " runs again: a login's password"
        + " changed in its Secret"), rotated.log().lines::toString);
  }

  @Test
  void aMissingPasswordSecretStopsApplyBeforeAnythingIsApplied() throws Exception {
    cluster.addNodes("accounts-missing", 1);
    String ns = cluster.newNamespace("accounts-missing");
    ApplyFixtures.createSecret(admin, ns);
    Instance instance = ApplyFixtures.instance(SimulatedDatabases.settings(ns,
        "accounts-missing", "Deployment", 30, DECLARED));

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> on.apply(instance, ns, new RecordingLog()));

    assertTrue(e.getMessage().startsWith("sqledge: a login's password cannot be handed over;"
        + " nothing was applied"), e::getMessage);
    assertTrue(e.problems().get(0).message().contains("the Secret `reader-password` that holds"
        + " the password of the login `reader` does not exist"), e.problems()::toString);
    assertNull(admin.apps().deployments().inNamespace(ns).withName("db").get());
    assertNull(admin.secrets().inNamespace(ns).withName("db-app").get());
  }
}
