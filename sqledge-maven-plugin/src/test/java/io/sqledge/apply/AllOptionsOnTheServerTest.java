package io.sqledge.apply;

import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.render.PodOptionsTest;
import org.junit.jupiter.api.Test;

/** A configuration using every pod option is accepted by a real API server, strictly validated. */
class AllOptionsOnTheServerTest {

  @Test
  void everyOptionIsAcceptedWithStrictFieldValidation() throws Exception {
    RealCluster cluster = RealCluster.shared();
    String ns = cluster.newNamespace("options");
    createSecret(cluster, ns);

    ApplyReport report = new Applier(ClusterConnector.connect(cluster.settings()),
        new RecordingLog()).apply(instance(config(ns, PodOptionsTest.ALL_OPTIONS
            + "storage:\n  className: options-disk\n")).request(ns));

    assertEquals(4, report.changes().size());
    assertEquals("database-critical", cluster.admin().apps().deployments().inNamespace(ns)
        .withName("db").get().getSpec().getTemplate().getSpec().getPriorityClassName());
  }
}
