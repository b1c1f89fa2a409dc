package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every platform preset's manifests are accepted by a real API server with strict validation. */
class PresetsOnTheServerTest {

  private static RealCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = RealCluster.shared();
    client = ClusterConnector.connect(cluster.settings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"aks", "eks", "gke", "k3s", "generic"})
  void presetIsAcceptedWithStrictFieldValidation(String platform) throws Exception {
    String ns = cluster.newNamespace("preset-" + platform);
    createSecret(cluster, ns);
    boolean cloud = !platform.equals("k3s") && !platform.equals("generic");
    String yaml = config(ns, "platform: " + platform + "\n"
        + (platform.equals("generic") ? "" : "storage:\n  className: preset-" + platform + "\n")
        + "service:\n  internal: " + cloud + "\n  loadBalancerSourceRanges: [10.0.0.0/8]\n");

    ApplyReport report = new Applier(client, new RecordingLog()).apply(instance(yaml).request(ns));

    assertEquals(platform.equals("generic") ? 7 : 8, report.changes().size());
    assertEquals(java.util.List.of("10.0.0.0/8"), cluster.admin().services().inNamespace(ns)
        .withName("db").get().getSpec().getLoadBalancerSourceRanges());
  }
}
