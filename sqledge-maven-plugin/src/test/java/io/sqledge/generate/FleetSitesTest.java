package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet over several sites (clusters): instances of different sites never collide, the output
 * has a directory per site, and site names that would mean two clusters, or none, are refused
 * with the line to change.
 */
class FleetSitesTest {

  private static final String SITES = """
      apiVersion: sqledge/v1
      namespace: pos
      databases: []
      cluster:
        context: store-berlin
      instances:
        - name: db
        - name: reports
        - name: db
          cluster: {context: store-hamburg}
      """;

  @TempDir Path dir;

  private GenerateResult generate(String yaml) throws Exception {
    ConfigSource source = TestConfigs.write(dir, yaml);
    return Generator.bundled().generate(new GenerateRequest(Optional.of(source), Map.of(),
        dir.resolve("out")));
  }

  private String error(String yaml) {
    return assertThrows(SqledgeException.class, () -> generate(yaml)).getMessage();
  }

  @Test
  void eachSiteGetsADirectoryOfItsOwnAndNothingAtTheRootMixesClusters() throws Exception {
    GenerateResult result = generate(SITES);

    assertEquals(List.of("store-berlin/db", "store-berlin/reports", "store-hamburg/db"),
        result.instances());
    Path out = dir.resolve("out");
    assertEquals(List.of(out.resolve("store-berlin/manifests.yaml"),
        out.resolve("store-hamburg/manifests.yaml")), result.combinedFiles());
    assertFalse(Files.exists(out.resolve("manifests.yaml")), "a root file would mix clusters");
    assertFalse(Files.exists(out.resolve("kustomization.yaml")), "a root file would mix clusters");

    assertTrue(Files.isRegularFile(out.resolve("store-hamburg/db/kustomization.yaml")));
    assertTrue(Files.readString(out.resolve("store-berlin/kustomization.yaml"))
        .endsWith("resources:\n  - infra\n  - db\n  - reports\n"));
    assertTrue(Files.isRegularFile(out.resolve("store-hamburg/infra/01-storageclass.yaml")));
    // (KustomizeOutputTest builds each site's directory.)
  }

  @Test
  void twoInstancesOfOneNameOnOneSiteStillCollide() {
    String message = error(SITES.replace("store-hamburg", "store-berlin"));

    assertTrue(message.contains("sqledge.yaml:9:11: two instances are named `db` in namespace"
        + " pos"), message);
  }

  @Test
  void aSiteNameThatMeansTwoClustersIsRefused() {
    String message = error("""
        apiVersion: sqledge/v1
        instances:
          - name: a
            cluster: {name: store, context: berlin}
          - name: b
            cluster: {name: store, context: hamburg}
        """);

    assertEquals("sqledge: the sites of sqledge.yaml do not fit"
        + " together:\n  sqledge.yaml:6:37: instances `a` and `b` are on"
        + " site `store`, but on different clusters (context `berlin`; context `hamburg`)\n"
        + "    fix: give each cluster a `cluster.name` of its own", message);
  }

  @Test
  void aFleetOnSeveralSitesNamesTheSiteOfEveryInstance() {
    String message = error("""
        apiVersion: sqledge/v1
        instances:
          - name: a
            cluster: {context: berlin}
          - name: b
        """);

    assertTrue(message.contains("sqledge.yaml:5:11: instance `b` names no cluster, but the fleet"
        + " is on several: berlin\n    fix: set its `cluster.context` (or `cluster.name`), or"
        + " one in the shared part for the instances that name none"), message);
  }

  @Test
  void aContextThatCannotNameADirectoryNeedsASiteName() {
    String message = error("""
        apiVersion: sqledge/v1
        instances:
          - name: a
            cluster: {context: "arn:aws:eks:eu-west-1:123456789012:cluster/berlin"}
          - name: b
            cluster: {context: hamburg}
        """);

    assertTrue(message.contains("sqledge.yaml:4:24: the context"
        + " `arn:aws:eks:eu-west-1:123456789012:cluster/berlin` names a site, and so a directory"
        + " of the output, but it is not a DNS-1123 label\n    fix: give the site a"
        + " `cluster.name`, for example `"), message);
    // One site laid out by site, for the GitOps engines, needs a name as well.
    String alone = error("""
        apiVersion: sqledge/v1
        gitops: {flux: true, path: deploy}
        cluster: {context: "arn:aws:eks:eu-west-1:123456789012:cluster/berlin"}
        """);
    assertTrue(alone.contains("sqledge.yaml:3:20: the context"), alone);
  }

  @Test
  void aSiteNameIsADnsLabel() {
    String message = error("apiVersion: sqledge/v1\ncluster:\n  name: Store_Berlin\n");

    assertTrue(message.contains("sqledge.yaml:3:9: `cluster.name` `Store_Berlin` must consist of"
        + " lower-case letters, digits and '-', and start and end with a letter or digit (it names"
        + " the site's directory in the output)\n    fix: for example `store-berlin`"), message);
  }

  @Test
  void oneSiteKeepsTheLayoutOfOneCluster() throws Exception {
    GenerateResult result = generate("apiVersion: sqledge/v1\ncluster: {context: berlin}\n"
        + "instances:\n  - name: a\n  - name: b\n");

    assertEquals(List.of("a", "b"), result.instances());
    assertEquals(List.of(dir.resolve("out/manifests.yaml")), result.combinedFiles());
  }

  @Test
  void forTheGitOpsEnginesEvenOneSiteIsLaidOutBySiteWithItsClusterScopedObjectsInInfra()
      throws Exception {
    GenerateResult result = generate("""
        apiVersion: sqledge/v1
        gitops: {flux: true, path: deploy/sqledge}
        """);

    Path out = dir.resolve("out");
    assertEquals(List.of("default/sqledge"), result.instances());
    assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
        + "  - infra\n  - sqledge\n", withoutHeader(out.resolve("default/kustomization.yaml")));
    assertTrue(Files.readString(out.resolve("default/infra/01-storageclass.yaml"))
        .contains("kind: StorageClass"));
    assertTrue(Files.readString(out.resolve("default/sqledge/01-persistentvolumeclaim.yaml"))
        .contains("kind: PersistentVolumeClaim"), "the instance's files start after infra's");
    assertTrue(Files.readString(out.resolve("gitops/flux/default.yaml"))
        .contains("  path: ./deploy/sqledge/default\n"), "written in the output's style");
    assertFalse(Files.exists(out.resolve("gitops/applicationset.yaml")));
  }

  private static String withoutHeader(Path file) throws Exception {
    return Files.readString(file).lines().filter(line -> !line.startsWith("#"))
        .map(line -> line + "\n").reduce("", String::concat);
  }

  @Test
  void theGitOpsEnginesNeedWhereTheOutputIsAndWhatTheirObjectsTake() {
    String message = error("""
        apiVersion: sqledge/v1
        gitops:
          argocd: true
          flux: true
          path: /deploy/sqledge/
          interval: 10 minutes
        """);

    assertTrue(message.contains("sqledge.yaml:5:9: `gitops.path` must be a relative path of"
        + " directory names"), message);
    assertTrue(message.contains("sqledge.yaml:3:11: `gitops.argocd` is true, but"
        + " `gitops.repoURL` is empty"), message);
    assertTrue(message.contains("sqledge.yaml:6:13: `gitops.interval` `10 minutes` is not a"
        + " duration Flux takes\n    fix: write it like `10m`, `1h` or `1h30m`"), message);
  }

  @Test
  void theGitOpsFilesAreTheFleetsAndNoSiteMayTakeTheirDirectory() {
    String differing = error("""
        apiVersion: sqledge/v1
        gitops: {flux: true, path: deploy}
        instances:
          - name: a
          - name: b
            gitops: {interval: 1h}
        """);
    assertTrue(differing.contains("sqledge.yaml:6:13: instance `b` has other `gitops` settings"
        + " than `a`: the GitOps files are the fleet's\n    fix: set `gitops` in the shared part"
        + " only"), differing);

    String reserved = error("""
        apiVersion: sqledge/v1
        gitops: {flux: true, path: deploy}
        cluster: {name: gitops}
        """);
    assertTrue(reserved.contains("sqledge.yaml:3:10: the site `gitops` would share its directory"
        + " with the GitOps engines' files"), reserved);
  }
}
