package io.sqledge.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of the pipeline's RBAC objects: a Role per namespace, a ClusterRole only when a rule
 * is the cluster's, a directory per site. (RbacTest holds the rules to what the goals send.)
 */
class PipelineRbacTest {

  @TempDir Path dir;

  private List<Generator.Rendered> render(String yaml) throws SqledgeException {
    return Generator.bundled().renderAll(new GenerateRequest(
        Optional.of(TestConfigs.write(dir, yaml)), Map.of(), dir.resolve("out")));
  }

  private static List<String> paths(List<PipelineRbac.RbacDocument> documents) {
    return documents.stream().map(PipelineRbac.RbacDocument::path).toList();
  }

  @Test
  void aRolePerNamespaceAndAClusterRoleOnlyForWhatIsTheClusters() throws Exception {
    RbacSubject subject = RbacSubject.of(Optional.of("ci/deployer"), Optional.empty(),
        Optional.empty());
    List<Generator.Rendered> fleet = render("""
        apiVersion: sqledge/v1
        storage: {createClass: false, className: managed-csi}
        instances:
          - {name: a, namespace: shop}
          - {name: b, namespace: warehouse}
        """);

    // diff of objects that are all namespaced: no ClusterRole.
    assertEquals(List.of("role-shop.yaml", "rolebinding-shop.yaml", "role-warehouse.yaml",
        "rolebinding-warehouse.yaml"), paths(PipelineRbac.of(fleet, subject, "deployer",
            EnumSet.of(GoalAccess.Goal.DIFF))));
    // status reads nodes and volume attachments: the cluster's.
    List<PipelineRbac.RbacDocument> status = PipelineRbac.of(fleet, subject, "deployer",
        EnumSet.of(GoalAccess.Goal.STATUS));
    assertEquals(List.of("clusterrole.yaml", "clusterrolebinding.yaml", "role-shop.yaml",
        "rolebinding-shop.yaml", "role-warehouse.yaml", "rolebinding-warehouse.yaml"),
        paths(status));
    assertEquals(List.of(
        Map.of("apiGroups", List.of(""), "resources", List.of("nodes"), "verbs", List.of("get")),
        Map.of("apiGroups", List.of("storage.k8s.io"), "resources",
            List.of("volumeattachments"), "verbs", List.of("list"))),
        status.get(0).document().get("rules"));
    assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "deployer", "namespace", "ci")),
        status.get(1).document().get("subjects"));
  }

  @Test
  void eachSiteGetsItsOwnObjects() throws Exception {
    List<Generator.Rendered> sites = render("""
        apiVersion: sqledge/v1
        namespace: pos
        instances:
          - {name: db, cluster: {name: berlin}}
          - {name: db, cluster: {name: hamburg}}
        """);

    assertEquals(List.of("berlin/clusterrole.yaml", "berlin/clusterrolebinding.yaml",
        "berlin/role-pos.yaml", "berlin/rolebinding-pos.yaml", "hamburg/clusterrole.yaml",
        "hamburg/clusterrolebinding.yaml", "hamburg/role-pos.yaml", "hamburg/rolebinding-pos.yaml"),
        paths(PipelineRbac.of(sites, RbacSubject.of(Optional.empty(), Optional.empty(),
            Optional.of("deployers")), "deployer", EnumSet.allOf(GoalAccess.Goal.class))));
  }

  @Test
  void exactlyOneAccountIsNamed() {
    SqledgeException none = assertThrows(SqledgeException.class, () -> RbacSubject.of(
        Optional.empty(), Optional.empty(), Optional.empty()));
    assertEquals("sqledge: cannot write the RBAC rules\n  -Dsqledge.rbac.serviceAccount: no"
        + " account is named for the rules\n    fix: name exactly one:"
        + " -Dsqledge.rbac.serviceAccount=<namespace>/<name>, -Dsqledge.rbac.user=<name> or"
        + " -Dsqledge.rbac.group=<name>", none.getMessage());
    SqledgeException malformed = assertThrows(SqledgeException.class, () -> RbacSubject.of(
        Optional.of("deployer"), Optional.empty(), Optional.empty()));
    assertEquals("sqledge: cannot write the RBAC rules\n  -Dsqledge.rbac.serviceAccount:"
        + " -Dsqledge.rbac.serviceAccount is `deployer`\n    fix: write it as <namespace>/<name>,"
        + " such as ci/deployer", malformed.getMessage());
  }
}
