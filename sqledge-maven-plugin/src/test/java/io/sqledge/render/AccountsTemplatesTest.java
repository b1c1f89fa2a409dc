package io.sqledge.render;

import static io.sqledge.TestManifests.all;
import static io.sqledge.TestManifests.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.sqledge.TestManifests;
import io.sqledge.sql.AccountScript;
import io.sqledge.verify.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts Job and its ConfigMap, parsed: restricted and token-less like the backup jobs
 * (the same pod, _sqlcmdpod.ftl), each password from its login's Secret only, and a name that
 * changes exactly when what the job runs changes.
 */
public class AccountsTemplatesTest {

  /** Databases and logins of every kind: also applied to the real API server. */
  public static final String DECLARED = """
      namespace: shop
      name: db
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      databases:
        - name: sales
          owner: sales_owner
          roles: [reporting]
      logins:
        - name: reader
          passwordSecret: reader-password
          roles: {sales: "db_datareader, reporting"}
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return TestManifests.render(dir, yaml);
  }

  private static Job job(List<Manifest> manifests) {
    return first(manifests, Job.class);
  }

  @Test
  void theJobRunsTheScriptOfItsConfigMapAsARestrictedPodWithoutAToken() throws Exception {
    List<Manifest> manifests = render(DECLARED);
    Job job = job(manifests);
    assertTrue(job.getMetadata().getName().matches("db-accounts-[0-9a-f]{10}"),
        job.getMetadata().getName());
    assertEquals(Map.of("app.kubernetes.io/name", "sqledge-accounts",
        "app.kubernetes.io/instance", "db", "app.kubernetes.io/component", "accounts",
        "app.kubernetes.io/managed-by", "sqledge-maven-plugin"), job.getMetadata().getLabels());
    assertEquals(604800, job.getSpec().getTtlSecondsAfterFinished());
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals(false, pod.getAutomountServiceAccountToken());
    assertEquals("Never", pod.getRestartPolicy());
    assertNull(pod.getAffinity(), "no claim: it may run wherever the database could");
    Container container = pod.getContainers().get(0);
    assertEquals(List.of("/bin/sh", "/opt/sqledge/accounts.sh"), container.getCommand());
    assertEquals("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04", container.getImage());
    assertEquals(true, container.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals("db-accounts", pod.getVolumes().get(0).getConfigMap().getName());

    ConfigMap files = all(manifests, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals("db-accounts")).findFirst().orElseThrow();
    assertEquals(List.of("accounts.sh", "sqlcmd.sh", "accounts.sql"),
        List.copyOf(files.getData().keySet()));
    assertEquals(Files.readString(Path.of("../templates/accounts.sh")),
        files.getData().get("accounts.sh"));
    assertTrue(files.getData().get("accounts.sql").contains("CREATE LOGIN [sales_owner]"));
  }

  @Test
  void eachPasswordComesFromItsLoginsSecretAndTheScriptHoldsNone() throws Exception {
    Container container = job(render(DECLARED)).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null) {
        secrets.put(variable.getName(), variable.getValueFrom().getSecretKeyRef().getName() + "/"
            + variable.getValueFrom().getSecretKeyRef().getKey());
      } else {
        assertFalse(variable.getName().contains("PASSWORD"), variable.getName());
      }
    }
    // reader is declared first, the owner's login follows: the tokens' order.
    assertEquals(Map.of("SQLCMDPASSWORD", "mssql/MSSQL_SA_PASSWORD",
        "SQLEDGE_PASSWORD_0", "db-reader/password",
        "SQLEDGE_PASSWORD_1", "db-sales-owner/password"), secrets);
    String script = all(render(DECLARED), ConfigMap.class).get(0).getData().get("accounts.sql");
    assertTrue(script.contains("CREATE LOGIN [reader] WITH PASSWORD = N'"
        + AccountScript.passwordToken(0) + "'"), script);
  }

  @Test
  void theNameChangesExactlyWhenWhatTheJobRunsChanges() throws Exception {
    String name = job(render(DECLARED)).getMetadata().getName();
    assertEquals(name, job(render(DECLARED + "storage:\n  size: 64Gi\n")).getMetadata()
        .getName(), "the disk is none of the job's business: the job that ran stays");
    assertEquals(name, job(render(DECLARED)).getMetadata().getName(), "the same every time");
    for (String change : List.of(
        DECLARED.replace("db_datareader, reporting", "db_datareader"),
        DECLARED.replace("roles: [reporting]", "roles: [reporting, audit]"),
        DECLARED + "pod:\n  tolerations: [{key: k, operator: Exists}]\n",
        DECLARED + "service:\n  port: 1434\n",
        DECLARED.replace("mssql/server:2022-CU16", "mssql/server:2022-CU17"))) {
      assertNotEquals(name, job(render(change)).getMetadata().getName(), change);
    }
  }

  @Test
  void aLongInstanceNameStillMakesAJobNameOf63Characters() throws Exception {
    String longName = "d" + "b".repeat(62);
    Job job = job(render("name: " + longName + "\nengine:\n  image:"
        + " mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04\n"));
    assertEquals(63, job.getMetadata().getName().length());
  }

  @Test
  void withoutDatabasesOrLoginsThereIsNoJob() throws Exception {
    List<Manifest> manifests = render("databases: []\n");
    assertEquals(List.of(), all(manifests, Job.class));
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service"), manifests.stream().map(Manifest::kind).toList());
  }

  @Test
  void besideAzureSqlEdgeTheJobRunsSqlcmdFromASqlServerImage() throws Exception {
    assertEquals("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04", job(render(""))
        .getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals("registry.example.com/tools:1", job(render("engine:\n  clientImage:"
        + " registry.example.com/tools:1\n")).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage());
  }
}
