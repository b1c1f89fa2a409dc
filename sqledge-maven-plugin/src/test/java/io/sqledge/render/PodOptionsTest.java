package io.sqledge.render;

import static io.sqledge.TestManifests.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels, annotations, scheduling and the engine port reach the manifests as written. */
public class PodOptionsTest {

  public static final String ALL_OPTIONS = """
      labels:
        example.com/team: orders
      annotations:
        example.com/owner: "orders: team # 1"
      engine:
        tcpPort: 1500
        imagePullPolicy: IfNotPresent
      pod:
        annotations:
          backup.example.com/enabled: "true"
        nodeSelector:
          kubernetes.io/os: linux
        priorityClassName: database-critical
        imagePullSecrets: [registry-creds]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - key: "agentpool"
                      operator: In
                      values: ["dbpool", "db-pool-2"]
        tolerations:
          - key: dedicated
            operator: Equal
            value: database
            effect: NoSchedule
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return ManifestVerifier.verify(ManifestRenderer.bundled().render(TestConfigs.checked(dir, yaml)))
        .manifests();
  }

  @Test
  void everyPodOptionReachesTheDeployment() throws Exception {
    List<Manifest> manifests = render(ALL_OPTIONS);

    Deployment deployment = first(manifests, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("orders", deployment.getMetadata().getLabels().get("example.com/team"));
    assertEquals("orders", deployment.getSpec().getTemplate().getMetadata().getLabels()
        .get("example.com/team"));
    assertEquals(Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "sqledge"),
        deployment.getSpec().getSelector().getMatchLabels(), "extra labels never join the selector");
    assertEquals("orders: team # 1", deployment.getMetadata().getAnnotations().get("example.com/owner"));
    assertEquals(Map.of("backup.example.com/enabled", "true"),
        deployment.getSpec().getTemplate().getMetadata().getAnnotations());
    assertEquals(Map.of("kubernetes.io/arch", "amd64", "kubernetes.io/os", "linux"),
        pod.getNodeSelector(), "Microsoft's images are amd64 only");
    assertEquals("database-critical", pod.getPriorityClassName());
    assertEquals("registry-creds", pod.getImagePullSecrets().get(0).getName());
    assertEquals(List.of("dbpool", "db-pool-2"), pod.getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0)
        .getMatchExpressions().get(0).getValues());
    assertEquals(3, pod.getTolerations().size());
    assertEquals("dedicated", pod.getTolerations().get(2).getKey());
    Container container = pod.getContainers().get(0);
    assertEquals("IfNotPresent", container.getImagePullPolicy());
    assertEquals(1500, container.getPorts().get(0).getContainerPort());
    assertEquals("1500", container.getEnv().stream().filter(e -> e.getName().equals("MSSQL_TCP_PORT"))
        .map(EnvVar::getValue).findFirst().orElseThrow());
    assertEquals("mssql", container.getStartupProbe().getTcpSocket().getPort().getStrVal(),
        "probes use the named port, so they follow tcpPort");

    Service service = first(manifests, Service.class);
    assertEquals("orders: team # 1", service.getMetadata().getAnnotations().get("example.com/owner"));
    assertEquals("mssql", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
  }

  @Test
  void memoryIsRequestedAsItIsLimitedAndNoTokenIsMounted() throws Exception {
    PodSpec byDefault = first(render("name: sqledge\n"), Deployment.class).getSpec()
        .getTemplate().getSpec();
    assertEquals(Boolean.FALSE, byDefault.getAutomountServiceAccountToken());
    var resources = byDefault.getContainers().get(0).getResources();
    assertEquals(resources.getLimits().get("memory"), resources.getRequests().get("memory"));
    assertEquals("1", resources.getRequests().get("cpu").toString(), "CPU may stay burstable");

    var raised = first(render("resources:\n  limits: {memory: 8Gi}\n"), Deployment.class)
        .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertEquals("8Gi", raised.getRequests().get("memory").toString(), "the request follows");
    var written = first(render("resources:\n  requests: {memory: 3Gi}\n"), Deployment.class)
        .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertEquals("3Gi", written.getRequests().get("memory").toString());
  }

  @Test
  void hostileTextInAFreeFormValueStaysOneValue() throws Exception {
    String yaml = """
        pod:
          tolerations:
            - key: "k\\"\\n  injected: yes"
              operator: Equal
              value: "--- {{ x }} # *a &b !c"
              effect: NoSchedule
        """;
    // The API server refuses such a key and value, and so does the build, at the toleration.
    SqledgeException refused = assertThrows(SqledgeException.class,
        () -> TestConfigs.checked(dir, yaml));
    assertEquals(2, refused.problems().size(), refused::getMessage);
    // Rendered all the same (unchecked), the text stays one value: no injected key.
    Deployment deployment = first(ManifestVerifier.verify(ManifestRenderer.bundled()
        .render(TestConfigs.load(dir, yaml, new Problems()).orElseThrow())).manifests(),
        Deployment.class);

    var toleration = deployment.getSpec().getTemplate().getSpec().getTolerations().get(2);
    assertEquals("k\"\n  injected: yes", toleration.getKey());
    assertEquals("--- {{ x }} # *a &b !c", toleration.getValue());
    assertTrue(toleration.getAdditionalProperties().isEmpty());
  }

  @Test
  void sqledgesOwnLabelsCannotBeOverridden() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> TestConfigs.checked(dir,
        "labels:\n  app.kubernetes.io/instance: other\n"));
    assertTrue(e.problems().get(0).message().contains("is set by sqledge"), e::getMessage);
  }

  @Test
  void affinityMustBeAMapAndTolerationsAListOfMaps() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> TestConfigs.checked(dir,
        "pod:\n  affinity: [a]\n  tolerations: [x]\n"));
    assertEquals(2, e.problems().size(), e::getMessage);
  }

  @Test
  void aMisspeltAffinityFieldIsCaughtByTheSchemaAtItsLine() throws Exception {
    SqledgeException e = assertThrows(SqledgeException.class, () -> render(
        "pod:\n  affinity:\n    nodeAfinity: {}\n"));
    assertEquals("sqledge.yaml:3:5: `pod.affinity.nodeAfinity`: unknown field `nodeAfinity` in"
        + " a Affinity", e.problems().get(0).render().lines().findFirst().orElseThrow());
    assertTrue(e.problems().get(0).message().contains("nodeAfinity"), e::getMessage);
    assertEquals("did you mean `nodeAffinity`?", e.problems().get(0).fix(), e::getMessage);
  }

  @Test
  void onlyMicrosoftsImagesArePinnedToAmd64() throws Exception {
    Deployment sqlServer = first(render(""), Deployment.class);
    assertEquals(Map.of("kubernetes.io/arch", "amd64"),
        sqlServer.getSpec().getTemplate().getSpec().getNodeSelector());
    Deployment custom = first(render("engine:\n  image: example.com/my/mssql:1\n"),
        Deployment.class);
    Map<String, String> none = custom.getSpec().getTemplate().getSpec().getNodeSelector();
    assertTrue(none == null || none.isEmpty(), () -> "a custom image: " + none);
  }
}
