package io.sqledge.apply;

import static io.sqledge.TestThreads.beside;
import static io.sqledge.apply.ApplyFixtures.config;
import static io.sqledge.apply.ApplyFixtures.createSecret;
import static io.sqledge.apply.ApplyFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The StatefulSet variant on a real API server: apply, wait for its rollout, delete its claims. */
class StatefulSetOnTheServerTest {

  @Test
  void appliesWaitsAndDeletesTheClaimsItsTemplateMade() throws Exception {
    RealCluster cluster = RealCluster.shared();
    KubernetesClient client = ClusterConnector.connect(cluster.settings());
    String ns = cluster.newNamespace("stateful");
    createSecret(cluster, ns);
    // A bare API server runs no job controller: no databases, so no accounts job to wait for.
    Instance db = instance(config(ns, "ha:\n  workload: StatefulSet\nservice:\n  type: ClusterIP\n"
        + "storage:\n  className: stateful-disk\ndatabases: []\n"));
    RecordingLog log = new RecordingLog();
    CompletableFuture<Void> controller = beside("controller", () -> {
      // What the StatefulSet controller does: make the claim from the template, report ready.
      StatefulSet live = null;
      while (live == null) {
        live = cluster.admin().apps().statefulSets().inNamespace(ns).withName("db").get();
      }
      PersistentVolumeClaim template = live.getSpec().getVolumeClaimTemplates().get(0);
      template.getMetadata().setName("mssql-data-db-0");
      template.getMetadata().setNamespace(ns);
      cluster.admin().persistentVolumeClaims().inNamespace(ns).resource(template).create();
      live.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(1L).withReplicas(1)
          .withReadyReplicas(1).withCurrentReplicas(1).withUpdatedReplicas(1)
          .withCurrentRevision("r1").withUpdateRevision("r1").build());
      cluster.admin().apps().statefulSets().inNamespace(ns).resource(live).updateStatus();
    });

    ApplyReport report = new Applier(client, log).apply(db.request(ns).withWait(Duration.ofSeconds(60)));
    controller.get();

    assertEquals(List.of("StorageClass/stateful-disk", "NetworkPolicy/db", "StatefulSet/db",
        "Service/db-headless", "Service/db"), ApiErrors.names(report.changes()));
    assertTrue(log.all().contains("ready: StatefulSet/db to roll out"), log::all);

    DeleteReport keep = new Deleter(client, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), false);
    assertTrue(keep.kept().contains("PersistentVolumeClaim/mssql-data-db-0 (holds the data;"
        + " -Dsqledge.deleteData=true removes it)"), keep::toString);

    DeleteReport purge = new Deleter(client, new RecordingLog()).delete(db.manifests(), ns,
        db.config().engine().saPassword(), true);
    assertTrue(purge.removed().contains("PersistentVolumeClaim/mssql-data-db-0"), purge::toString);
  }
}
