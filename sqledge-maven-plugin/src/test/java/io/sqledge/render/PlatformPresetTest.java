package io.sqledge.render;

import static io.sqledge.TestManifests.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.sqledge.TestConfigs;
import io.sqledge.check.ConfigChecker;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformPresetTest {

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return ManifestVerifier.verify(ManifestRenderer.bundled().render(TestConfigs.checked(dir, yaml)))
        .manifests();
  }

  private List<Problem> warnings(String yaml) {
    Problems problems = new Problems();
    InstanceConfig config = TestConfigs.load(dir, yaml, problems).orElseThrow();
    ConfigChecker.check(config, problems);
    assertFalse(problems.hasErrors(), problems.all()::toString);
    return problems.warnings();
  }

  @ParameterizedTest
  @CsvSource({
    "aks, disk.csi.azure.com, skuName, StandardSSD_LRS, service.beta.kubernetes.io/azure-load-balancer-internal",
    "eks, ebs.csi.aws.com, type, gp3, service.beta.kubernetes.io/aws-load-balancer-scheme",
    "gke, pd.csi.storage.gke.io, type, pd-balanced, networking.gke.io/load-balancer-type",
  })
  void cloudPresetsPickTheCsiDriverAndTheInternalLoadBalancer(String platform, String provisioner,
      String parameter, String value, String internalAnnotation) throws Exception {
    List<Manifest> manifests = render("platform: " + platform + "\nservice:\n  internal: true\n");

    StorageClass storageClass = (StorageClass) manifests.get(0).resource();
    assertEquals(provisioner, storageClass.getProvisioner());
    assertEquals(Map.of(parameter, value), storageClass.getParameters());
    Service service = first(manifests, Service.class);
    assertTrue(service.getMetadata().getAnnotations().containsKey(internalAnnotation),
        () -> service.getMetadata().getAnnotations().toString());
  }

  @Test
  void presetValuesCanBeOverridden() throws Exception {
    StorageClass storageClass = (StorageClass) render("""
        platform: eks
        storage:
          parameters:
            type: io2
            iopsPerGB: "50"
        """).get(0).resource();

    assertEquals("ebs.csi.aws.com", storageClass.getProvisioner());
    assertEquals(Map.of("type", "io2", "iopsPerGB", "50"), storageClass.getParameters());
  }

  @Test
  void genericUsesTheClustersDefaultStorageClass() throws Exception {
    List<Manifest> manifests = render("platform: generic\n");

    assertEquals(List.of("PersistentVolumeClaim", "NetworkPolicy", "Deployment", "Service",
        "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList());
    assertNull(((PersistentVolumeClaim) manifests.get(0).resource()).getSpec().getStorageClassName());
  }

  @Test
  void k3sWarnsThatTheStorageIsNodeLocal() throws Exception {
    StorageClass localPath = (StorageClass) render("platform: k3s\n").get(0).resource();
    assertEquals("rancher.io/local-path", localPath.getProvisioner());
    assertEquals(false, localPath.getAllowVolumeExpansion(), "local-path volumes never grow");
    assertEquals(true, ((StorageClass) render("platform: eks\n").get(0).resource())
        .getAllowVolumeExpansion());
    assertTrue(warnings("platform: k3s\n").stream().anyMatch(w ->
        w.message().contains("cannot fail over to another node")));
  }

  @Test
  void aPublicLoadBalancerIsAWarningAndRestrictingItSilencesIt() {
    assertTrue(warnings("name: db\n").stream().anyMatch(w ->
        w.message().contains("to the whole internet")));
    assertFalse(warnings("service:\n  internal: true\n").stream().anyMatch(w ->
        w.message().contains("to the whole internet")));
    assertFalse(warnings("service:\n  loadBalancerSourceRanges: [10.0.0.0/8]\n").stream()
        .anyMatch(w -> w.message().contains("to the whole internet")));
  }

  @Test
  void sourceRangesReachTheServiceAndMustBeCidrs() throws Exception {
    Service service = first(render(
        "service:\n  loadBalancerSourceRanges:\n    - 10.20.0.0/16\n    - 2001:db8::/32\n"),
        Service.class);
    assertEquals(List.of("10.20.0.0/16", "2001:db8::/32"),
        service.getSpec().getLoadBalancerSourceRanges());

    SqledgeException e = assertThrows(SqledgeException.class, () -> TestConfigs.checked(dir,
        "service:\n  loadBalancerSourceRanges:\n    - 10.20.0.0\n"));
    assertEquals("`10.20.0.0` in `service.loadBalancerSourceRanges` is not a network in CIDR"
        + " notation", e.problems().get(0).message());
    assertEquals(3, e.problems().get(0).origin().line());
  }

  @Test
  void anUnknownPlatformIsAnErrorWithTheClosestOne() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> TestConfigs.checked(dir, "platform: ask\n"));
    assertEquals("`platform` is `ask`, which is not one of aks, eks, gke, k3s, generic",
        e.problems().get(0).message());
    assertEquals("did you mean `aks`?", e.problems().get(0).fix());
  }

  @Test
  void internalWithoutAnAnnotationIsAnError() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> TestConfigs.checked(dir, "platform: k3s\nservice:\n  internal: true\n"));
    assertTrue(e.problems().get(0).message().contains("no internal load-balancer annotation"));
  }
}
