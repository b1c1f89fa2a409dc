package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.sqledge.TestConfigs;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatefulSetTest {

  @TempDir Path dir;

  @Test
  void aStatefulSetReplacesTheDeploymentAndTheClaim() throws Exception {
    List<Manifest> manifests = ManifestVerifier.verify(ManifestRenderer.bundled().render(
        TestConfigs.checked(dir, "name: db\nha:\n  workload: StatefulSet\n"))).manifests();

    assertEquals(List.of("StorageClass", "NetworkPolicy", "StatefulSet", "Service", "Service",
        "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList());
    StatefulSet statefulSet = (StatefulSet) manifests.get(2).resource();
    assertEquals("db-headless", statefulSet.getSpec().getServiceName());
    assertEquals(1, statefulSet.getSpec().getReplicas());
    assertEquals("Retain", statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    PersistentVolumeClaim template = statefulSet.getSpec().getVolumeClaimTemplates().get(0);
    assertEquals("mssql-data", template.getMetadata().getName());
    assertEquals(statefulSet.getMetadata().getLabels(), template.getMetadata().getLabels(),
        "the claim carries the labels of every other object");
    assertEquals("sqledge-disk", template.getSpec().getStorageClassName());
    assertEquals("8Gi", template.getSpec().getResources().getRequests().get("storage").toString());
    assertEquals("mssql-data", statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getVolumeMounts().get(0).getName());
    assertEquals(List.of(), statefulSet.getSpec().getTemplate().getSpec().getVolumes());

    Service headless = (Service) manifests.get(3).resource();
    assertEquals("db-headless", headless.getMetadata().getName());
    assertEquals("None", headless.getSpec().getClusterIP());
    assertEquals("LoadBalancer", ((Service) manifests.get(4).resource()).getSpec().getType());
  }

  @Test
  void theDeploymentAndTheStatefulSetShareOnePodTemplate() throws Exception {
    Deployment deployment = (Deployment) ManifestVerifier.verify(ManifestRenderer.bundled()
        .render(TestConfigs.checked(dir, "name: db\n"))).manifests().get(3).resource();
    StatefulSet statefulSet = (StatefulSet) ManifestVerifier.verify(ManifestRenderer.bundled()
        .render(TestConfigs.checked(dir, "name: db\nha:\n  workload: StatefulSet\n")))
        .manifests().get(2).resource();

    var fromDeployment = deployment.getSpec().getTemplate().getSpec();
    var fromStatefulSet = statefulSet.getSpec().getTemplate().getSpec();
    assertEquals(fromDeployment.getContainers(), fromStatefulSet.getContainers());
    assertEquals(fromDeployment.getSecurityContext(), fromStatefulSet.getSecurityContext());
    assertEquals(fromDeployment.getTolerations(), fromStatefulSet.getTolerations());
  }
}
