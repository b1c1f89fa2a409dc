package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.sqledge.TestConfigs;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha.automaticFailover: guard adds the failover guard: its account, its least-privilege roles,
 * the script in a ConfigMap and a hardened one-pod Deployment kept off the database's node.
 */
class FailoverGuardTemplatesTest {

  static final String GUARDED = """
      name: db
      namespace: data
      pod:
        nodeSelector: {pool: edge}
      ha:
        automaticFailover: guard
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return ManifestVerifier.verify(ManifestRenderer.bundled().render(TestConfigs.checked(dir,
        yaml))).manifests();
  }

  private static <T> T only(List<Manifest> manifests, Class<T> type) {
    List<T> found = manifests.stream().map(Manifest::resource).filter(type::isInstance)
        .map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName());
    return found.get(0);
  }

  @Test
  void withoutTheKeyThereIsNoGuard() throws Exception {
    assertTrue(render("namespace: data").stream().noneMatch(m -> m.name().contains("guard")));
  }

  @Test
  void theGuardComesAfterTheDatabaseWithItsRolesBeforeItsPod() throws Exception {
    List<Manifest> manifests = render(GUARDED);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
            "Service", "ConfigMap", "Job", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
            "ConfigMap", "Deployment"),
        manifests.stream().map(Manifest::kind).toList());
    assertEquals("db", manifests.get(3).name(), "the database's Deployment stays first");
    assertEquals("db-failover-guard", manifests.get(13).name());
  }

  @Test
  void itMayReadPodsClaimsNodesAndAttachmentsPatchNodesAndRecordEventsNothingMore()
      throws Exception {
    List<Manifest> manifests = render(GUARDED);
    Role role = only(manifests, Role.class);
    assertEquals("data", role.getMetadata().getNamespace());
    assertEquals(Map.of("pods", "get,list,watch", "persistentvolumeclaims", "get,list,watch",
        "events", "create"), verbs(role.getRules(), ""));
    ClusterRole clusterRole = only(manifests, ClusterRole.class);
    assertEquals("sqledge-failover-guard.data.db", clusterRole.getMetadata().getName());
    assertEquals(Map.of("nodes", "get,list,watch,patch"), verbs(clusterRole.getRules(), ""));
    assertEquals(Map.of("volumeattachments", "get,list,watch"),
        verbs(clusterRole.getRules(), "storage.k8s.io"));
    assertEquals(2, clusterRole.getRules().size());

    RoleBinding binding = only(manifests, RoleBinding.class);
    assertEquals("db-failover-guard", binding.getRoleRef().getName());
    assertEquals("db-failover-guard", binding.getSubjects().get(0).getName());
    ClusterRoleBinding clusterBinding = only(manifests, ClusterRoleBinding.class);
    assertEquals("sqledge-failover-guard.data.db", clusterBinding.getRoleRef().getName());
    assertEquals("ServiceAccount", clusterBinding.getSubjects().get(0).getKind());
    assertEquals("data", clusterBinding.getSubjects().get(0).getNamespace());
    assertFalse(only(manifests, ServiceAccount.class).getAutomountServiceAccountToken(),
        "no other pod that names the account gets its token");
  }

  private static Map<String, String> verbs(List<PolicyRule> rules, String group) {
    return rules.stream().filter(rule -> rule.getApiGroups().equals(List.of(group)))
        .flatMap(rule -> rule.getResources().stream()
            .map(resource -> Map.entry(resource, String.join(",", rule.getVerbs()))))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void theConfigMapHoldsTheScriptTheTestsRun() throws Exception {
    ConfigMap script = render(GUARDED).stream().map(Manifest::resource)
        .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .filter(map -> map.getMetadata().getName().equals("db-failover-guard"))
        .findFirst().orElseThrow();
    try (InputStream in = getClass().getResourceAsStream("/io/sqledge/templates/failover-guard.sh")) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          script.getData().get("failover-guard.sh"));
    }
  }

  @Test
  void theGuardsPodIsHardenedAndKeptOffTheDatabasesNode() throws Exception {
    List<Manifest> manifests = render(GUARDED);
    Deployment guard = (Deployment) manifests.get(manifests.size() - 1).resource();
    PodSpec pod = guard.getSpec().getTemplate().getSpec();
    assertEquals(Map.of("app.kubernetes.io/name", "sqledge-failover-guard",
        "app.kubernetes.io/instance", "db"), guard.getSpec().getSelector().getMatchLabels(),
        "the database's Deployment and Service (name mssql) never select it");
    assertEquals("db-failover-guard", pod.getServiceAccountName());
    assertTrue(pod.getAutomountServiceAccountToken());
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(Map.of("pool", "edge"), pod.getNodeSelector());
    var antiAffinity = pod.getAffinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution();
    assertEquals(1, antiAffinity.size());
    assertEquals("kubernetes.io/hostname", antiAffinity.get(0).getTopologyKey());
    assertEquals(Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "db"),
        antiAffinity.get(0).getLabelSelector().getMatchLabels());
    assertEquals(List.of(30L, 30L), pod.getTolerations().stream()
        .map(t -> t.getTolerationSeconds()).toList());

    Container container = pod.getContainers().get(0);
    assertEquals("docker.io/alpine/kubectl:1.34.2", container.getImage());
    assertEquals(List.of("/bin/sh", "/opt/sqledge/failover-guard.sh"), container.getCommand());
    assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
    assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    assertEquals(List.of("cpu", "ephemeral-storage", "memory"),
        container.getResources().getLimits().keySet().stream().sorted().toList());
    Map<String, EnvVar> env = container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertEquals("metadata.namespace",
        env.get("SQLEDGE_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
    assertEquals("app.kubernetes.io/name=mssql,app.kubernetes.io/instance=db",
        env.get("SQLEDGE_SELECTOR").getValue());
    assertEquals("cloudShutdown", env.get("SQLEDGE_FENCING").getValue());
    assertEquals(List.of("/bin/sh", "/opt/sqledge/failover-guard.sh", "--alive"),
        container.getLivenessProbe().getExec().getCommand());
    assertEquals(List.of("/bin/sh", "/opt/sqledge/failover-guard.sh", "--ready"),
        container.getReadinessProbe().getExec().getCommand());
    assertEquals(container.getResources().getRequests().get("memory"),
        container.getResources().getLimits().get("memory"), "never OOM-killed for its request");
  }

  @Test
  void aChangedScriptRestartsTheGuard() throws Exception {
    Deployment guard = render(GUARDED).stream().map(Manifest::resource)
        .filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().endsWith("-failover-guard")).findFirst()
        .orElseThrow();
    assertEquals(64, guard.getSpec().getTemplate().getMetadata().getAnnotations()
        .get("sqledge.io/script-sha256").length());
  }
}
