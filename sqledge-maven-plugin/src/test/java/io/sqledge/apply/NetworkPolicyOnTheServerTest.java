package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.render.NetworkPolicyTest;
import org.junit.jupiter.api.Test;

/** The NetworkPolicy of network.allowFrom is accepted by a real API server, strictly validated. */
class NetworkPolicyOnTheServerTest {

  @Test
  void theNetworkPolicyIsAcceptedAndSelectsTheDatabase() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("netpol");
    createSecret(cluster, ns);

    ApplyReport report = new Applier(ClusterConnector.connect(cluster.settings()),
        new RecordingLog()).apply(instance(config(ns, NetworkPolicyTest.ALLOW_FROM
            + "storage:\n  className: netpol-disk\n")).request(ns));

    assertEquals(5, report.changes().size());
    NetworkPolicy live = cluster.admin().network().v1().networkPolicies().inNamespace(ns)
        .withName("db").get();
    assertEquals(cluster.admin().apps().deployments().inNamespace(ns).withName("db").get()
        .getSpec().getSelector().getMatchLabels(), live.getSpec().getPodSelector().getMatchLabels());
    assertEquals(3, live.getSpec().getIngress().get(0).getFrom().size());
  }
}
