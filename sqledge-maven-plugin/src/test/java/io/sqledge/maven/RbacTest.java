package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.RealCluster;
import io.sqledge.apply.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules sqledge:rbac writes, on the simulated cluster whose API server keeps an audit log:
 * the pipeline's ServiceAccount, bound to them and nothing else, runs apply (with the accounts
 * job and the failover guard), status, diff, backup, a restore drill, apply with a rotated
 * password and delete; the audit log shows every request it made allowed, and every rule used
 * but those a named state of another test needs. A rule removed from the model fails here: a
 * goal is refused, or the unused rules differ. Without the guard's rules, which RBAC makes the
 * account hold before it may grant them, apply is refused.
 */
class RbacTest {

  private static final String ACCOUNT = "system:serviceaccount:ci:deployer";

  /**
   * The rules no goal here sends: rights of the failover guard's Role and ClusterRole that no
   * goal uses, which apply must hold to write those roles (RBAC's escalation check, shown
   * below), among them the taint of a node, which failover also sends on a dead node
   * (FailoverTest makes that state).
   */
  private static final Set<String> HELD_NOT_SENT = Set.of(
      "cluster /nodes list", "cluster /nodes patch", "cluster /nodes watch",
      "cluster storage.k8s.io/volumeattachments get",
      "cluster storage.k8s.io/volumeattachments watch",
      "namespace /events create",
      "namespace /persistentvolumeclaims list", "namespace /persistentvolumeclaims watch",
      "namespace /pods get", "namespace /pods watch");

  private static SimulatedCluster cluster;
  private static KubernetesClient admin;

  @TempDir Path basedir;

  private final CapturingLog log = new CapturingLog();

  @BeforeAll
  static void start() {
    cluster = SimulatedCluster.startAudited();
    admin = cluster.admin();
  }

  @AfterAll
  static void stop() {
    cluster.stop();
  }

  @Test
  void theGoalsRunAsThePipelinesAccountWithTheRulesRbacWroteAndUseEveryOne() throws Exception {
    cluster.addNodes("rbac", 2);
    for (String namespace : List.of("ci", "shop")) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .endMetadata().build()).create();
    }
    Path kubeconfig = cluster.serviceAccountKubeconfig("ci", "deployer");
    password("Reporter-Pass-1");
    MavenProject project = project();

    Path rbac = rbac(project);
    // Without one of the rights the guard's ClusterRole grants (watching nodes), which no goal
    // uses, apply may not write that ClusterRole: RBAC's escalation check.
    Path clusterRole = rbac.resolve("clusterrole.yaml");
    String full = Files.readString(clusterRole);
    Files.writeString(clusterRole, full.replace("- nodes\n    verbs:\n      - get\n      - list\n"
        + "      - patch\n      - watch\n", "- nodes\n    verbs:\n      - get\n      - list\n"
        + "      - patch\n"));
    assertTrue(!Files.readString(clusterRole).equals(full), "the nodes rule was found");
    grant(rbac);
    MojoFailureException refused = assertThrows(MojoFailureException.class,
        () -> apply(project, kubeconfig).execute());
    assertTrue(refused.getMessage().contains("attempting to grant RBAC permissions not currently"
        + " held"), refused::getMessage);
    assertTrue(refused.getMessage().contains("ClusterRole/sqledge-failover-guard.shop.orders"),
        refused::getMessage);

    Files.writeString(clusterRole, full);
    grant(rbac);
    apply(project, kubeconfig).execute();
    cluster.awaitSettled("shop");
    configure(new StatusMojo(), project, kubeconfig).execute();
    configure(new DiffMojo(), project, kubeconfig).execute();
    BackupMojo backup = configure(new BackupMojo(), project, kubeconfig);
    setVariableValueToObject(backup, "type", "full");
    backup.execute();
    RestoreMojo restore = configure(new RestoreMojo(), project, kubeconfig);
    setVariableValueToObject(restore, "database", "app");
    setVariableValueToObject(restore, "into", "orders-drill");
    restore.execute();
    password("Reporter-Pass-2");
    apply(project, kubeconfig).execute();
    DeleteMojo delete = configure(new DeleteMojo(), project, kubeconfig);
    setVariableValueToObject(delete, "deleteData", true);
    delete.execute();

    List<RealCluster.AuditedRequest> requests = cluster.api().audited(ACCOUNT);
    Set<String> granted = granted(rbac);
    Set<String> sent = new TreeSet<>();
    for (RealCluster.AuditedRequest request : requests) {
      String resource = request.apiGroup() + "/" + request.resource()
          + (request.subresource().isEmpty() ? "" : "/" + request.subresource());
      List<String> verbs = request.verb().equals("patch") && request.code() == 201
          // A server-side apply that made the object was authorized as a create too.
          ? List.of("patch", "create") : List.of(request.verb());
      for (String verb : verbs) {
        String rule = resource + " " + verb;
        // A namespaced request is allowed by a Role or a ClusterRole; the cluster's only by the
        // latter.
        sent.add((request.namespace().isEmpty() || !granted.contains("namespace " + rule)
            ? "cluster " : "namespace ") + rule);
      }
    }
    Set<String> refusedRequests = new TreeSet<>();
    requests.stream().filter(r -> r.code() == 403).forEach(r -> refusedRequests.add(r.verb()
        + " " + r.resource()));
    // The first apply's refusal was the escalation check, on the guard's ClusterRole.
    assertEquals(Set.of("patch clusterroles"), refusedRequests, log::all);
    Set<String> beyond = new TreeSet<>(sent);
    beyond.removeAll(granted);
    assertEquals(Set.of(), beyond, "sent but not granted");
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(sent);
    assertEquals(new TreeSet<>(HELD_NOT_SENT), unused, "granted but not sent");
  }

  private MavenProject project() throws Exception {
    MavenProject project = MojoProjects.project(basedir);
    Path config = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        apiVersion: sqledge/v1
        name: orders
        namespace: shop
        engine:
          image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
        storage:
          className: shop-disk
        pod:
          nodeSelector:
            %s: rbac
        ha:
          automaticFailover: guard
          fencing: notReadyFor
        backup:
          full: '0 0 * * 0'
        logins:
          - name: reporter
            passwordSecret: reporter-password
            roles: {app: db_datareader}
        """.formatted(SimulatedCluster.POOL_LABEL));
    return project;
  }

  private static void password(String password) {
    admin.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata()
        .withName("reporter-password").endMetadata()
        .withStringData(Map.of("password", password)).build()).serverSideApply();
  }

  /** sqledge:rbac for ci/deployer; its directory. */
  private Path rbac(MavenProject project) throws Exception {
    RbacMojo rbac = new RbacMojo();
    MojoProjects.configure(rbac, project, new Settings(), null, log);
    setVariableValueToObject(rbac, "serviceAccount", "ci/deployer");
    Path directory = basedir.resolve("target/sqledge-rbac");
    setVariableValueToObject(rbac, "outputDirectory", directory.toFile());
    rbac.execute();
    return directory;
  }

  /** What a cluster administrator does with the directory: kubectl apply -f. */
  private static void grant(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        GenericKubernetesResource object = admin.getKubernetesSerialization()
            .unmarshal(Files.readString(file), GenericKubernetesResource.class);
        admin.resource(object).forceConflicts().serverSideApply();
      }
    }
  }

  /** Every rule the directory grants, as "cluster|namespace group/resource verb". */
  @SuppressWarnings("unchecked")
  private static Set<String> granted(Path directory) throws Exception {
    Set<String> rules = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().contains("role")
          && !f.getFileName().toString().contains("binding")).toList()) {
        Map<String, Object> role = admin.getKubernetesSerialization()
            .unmarshal(Files.readString(file), Map.class);
        String scope = role.get("kind").equals("ClusterRole") ? "cluster " : "namespace ";
        for (Map<String, Object> rule : (List<Map<String, Object>>) role.get("rules")) {
          for (String group : (List<String>) rule.get("apiGroups")) {
            for (String resource : (List<String>) rule.get("resources")) {
              for (String verb : (List<String>) rule.get("verbs")) {
                rules.add(scope + group + "/" + resource + " " + verb);
              }
            }
          }
        }
      }
    }
    return rules;
  }

  private ApplyMojo apply(MavenProject project, Path kubeconfig) throws Exception {
    ApplyMojo apply = configure(new ApplyMojo(), project, kubeconfig);
    setVariableValueToObject(apply, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    setVariableValueToObject(apply, "saPasswordFrom", "env");
    setVariableValueToObject(apply, "saPasswordServerId", "sqledge");
    setVariableValueToObject(apply, "wait", true);
    apply.environment = Map.of("MSSQL_SA_PASSWORD", "Rbac-Passw0rd#42");
    return apply;
  }

  private <T extends Mojo> T configure(T mojo, MavenProject project, Path kubeconfig)
      throws Exception {
    MojoProjects.configure(mojo, project, new Settings(), kubeconfig, log);
    setVariableValueToObject(mojo, "timeout", 120);
    return mojo;
  }
}
