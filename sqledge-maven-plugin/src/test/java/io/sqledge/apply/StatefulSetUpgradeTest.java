package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyFixtures.Instance;
import io.sqledge.apply.ApplyFixtures.RecordingLog;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.ManifestModel;
import io.sqledge.verify.Manifest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet made by an earlier version, whose claim template lacked the {@code component} and
 * {@code managed-by} labels, meets today's manifests. Kubernetes refuses any change to a
 * StatefulSet's volumeClaimTemplates; the error must say how to replace the object, and doing
 * what it says must keep the running pod and its claim (the real StatefulSet controller adopts
 * them).
 */
class StatefulSetUpgradeTest {

  @Test
  void aClaimTemplateChangeIsRefusedAndTheOrphanReplacementKeepsPodAndClaim() throws Exception {
    SimulatedCluster cluster = SimulatedCluster.shared();
    SimulatedDatabases databases = new SimulatedDatabases(cluster);
    KubernetesClient admin = cluster.admin();
    cluster.addNodes("upgrade", 1);
    String ns = cluster.newNamespace("upgrade");
    Instance instance = ApplyFixtures.instance(
        SimulatedDatabases.settings(ns, "upgrade", "StatefulSet", 30, ""));
    ApplyFixtures.createSecret(admin, ns);

    // Everything as today, but the StatefulSet as an earlier version wrote its claim template.
    databases.apply(instance, ns, new RecordingLog(), false);
    admin.apps().statefulSets().inNamespace(ns).withName("db").withPropagationPolicy(
        DeletionPropagation.FOREGROUND).delete();
    cluster.await(Duration.ofSeconds(60), "the first StatefulSet is gone",
        () -> admin.apps().statefulSets().inNamespace(ns).withName("db").get() == null
            && admin.pods().inNamespace(ns).withLabel(SimulatedDatabases.NAME_LABEL,
                SimulatedDatabases.DATABASE).list().getItems().isEmpty());
    admin.resource(earlierStatefulSet(instance)).inNamespace(ns)
        .fieldManager(ApplyRequest.FIELD_MANAGER).serverSideApply();
    cluster.await(Duration.ofSeconds(60), "the earlier StatefulSet's pod is ready",
        () -> databases.readyPod(ns).isPresent());
    Pod pod = databases.runningPod(ns);
    PersistentVolumeClaim claim = admin.persistentVolumeClaims().inNamespace(ns)
        .withName(SimulatedDatabases.claimOf(pod)).get();

    SqledgeException refused = assertThrows(SqledgeException.class,
        () -> databases.apply(instance, ns, new RecordingLog()));
    Problem problem = refused.problems().get(0);
    assertTrue(problem.message().contains("422"), problem::render);
    assertTrue(problem.fix().contains("kubectl delete statefulset db -n " + ns
        + " --cascade=orphan, then apply again"), problem::render);

    admin.apps().statefulSets().inNamespace(ns).withName("db")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    cluster.await(Duration.ofSeconds(30), "the earlier StatefulSet is gone",
        () -> admin.apps().statefulSets().inNamespace(ns).withName("db").get() == null);
    databases.apply(instance, ns, new RecordingLog());

    StatefulSet adopter = admin.apps().statefulSets().inNamespace(ns).withName("db").get();
    assertEquals(ManifestModel.MANAGED_BY, adopter.getSpec().getVolumeClaimTemplates().get(0)
        .getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    Pod after = databases.runningPod(ns);
    assertEquals(SimulatedDatabases.uid(pod), SimulatedDatabases.uid(after),
        "the running pod was adopted, not replaced");
    assertEquals(adopter.getMetadata().getUid(),
        after.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals(claim.getMetadata().getUid(), admin.persistentVolumeClaims().inNamespace(ns)
        .withName(SimulatedDatabases.claimOf(after)).get().getMetadata().getUid());
  }

  /** The generated StatefulSet with its claim template labelled as before: selector labels only. */
  private static StatefulSet earlierStatefulSet(Instance instance) {
    HasMetadata generated = instance.manifests().manifests().stream().map(Manifest::resource)
        .filter(StatefulSet.class::isInstance).findFirst().orElseThrow();
    Map<String, String> selector = ((StatefulSet) generated).getSpec().getSelector()
        .getMatchLabels();
    return new StatefulSetBuilder((StatefulSet) generated).editSpec()
        .editFirstVolumeClaimTemplate().editMetadata().withLabels(selector).endMetadata()
        .endVolumeClaimTemplate().endSpec().build();
  }
}
