package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.SqledgeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet's name is limited by a label its controller writes on each pod
 * ({@code controller-revision-hash: <name>-<hash>}): the API server accepts a longer StatefulSet,
 * but its pods are refused. Only the real controller shows it; the build must refuse what the
 * cluster would, and accept the longest name that runs.
 */
class StatefulSetNameTest {

  private static String config(String name, String ns) {
    return "apiVersion: sqledge/v1\nname: " + name + "\nnamespace: " + ns
        + "\nstorage:\n  className: " + ns + "-disk\npod:\n  nodeSelector:\n    "
        + SimulatedCluster.POOL_LABEL + ": names\nha:\n  workload: StatefulSet\n";
  }

  @Test
  void theLongestNameTheBuildAcceptsRunsItsPod() throws Exception {
    SimulatedCluster cluster = SimulatedCluster.shared();
    cluster.addNodes("names", 1);
    String ns = cluster.newNamespace("names");
    String name = "s" + "x".repeat(51);
    createSecret(cluster.admin(), ns);
    try (KubernetesClient client = ClusterConnector.connect(cluster.settings())) {
      new Applier(client, new RecordingLog()).apply(instance(config(name, ns)).request(ns)
          .withWait(Duration.ofSeconds(60)));
    }
    assertTrue(cluster.admin().pods().inNamespace(ns).withName(name + "-0").get() != null);
  }

  @Test
  void aNameTheControllerCouldNotLabelItsPodsWithIsRefused() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> instance(config("s" + "x".repeat(52), "names-refused")));
    assertTrue(e.getMessage().contains("`name` has 53 characters; a StatefulSet labels its pods"
        + " `controller-revision-hash: <name>-<hash>`"), e::getMessage);
    assertTrue(e.getMessage().contains("use at most 52 characters for a StatefulSet"),
        e::getMessage);
  }
}
