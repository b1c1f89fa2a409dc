package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.cache.StringTemplateLoader;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.sqledge.TestConfigs;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestRendererTest {

  private static final ManifestRenderer RENDERER = ManifestRenderer.bundled();

  @TempDir Path dir;

  private static List<Manifest> manifestsOf(InstanceConfig config) throws SqledgeException {
    ManifestSet set = ManifestVerifier.verify(RENDERER.render(config));
    return set.manifests();
  }

  @Test
  void defaultRendersTheSevenResourcesInApplyOrder() throws Exception {
    List<Manifest> manifests = manifestsOf(TestConfigs.defaults());

    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service", "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList());

    StorageClass storageClass = assertInstanceOf(StorageClass.class, manifests.get(0).resource());
    assertEquals("disk.csi.azure.com", storageClass.getProvisioner());
    assertEquals(Map.of("skuName", "StandardSSD_LRS"), storageClass.getParameters());
    assertEquals("Retain", storageClass.getReclaimPolicy());
    assertEquals("WaitForFirstConsumer", storageClass.getVolumeBindingMode());
    assertEquals(Boolean.TRUE, storageClass.getAllowVolumeExpansion());

    PersistentVolumeClaim claim = assertInstanceOf(PersistentVolumeClaim.class, manifests.get(1).resource());
    assertEquals("mssql-data", claim.getMetadata().getName());
    assertEquals("sqledge-disk", claim.getSpec().getStorageClassName());
    assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
    assertEquals("8Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
    assertTrue(claim.getMetadata().getAnnotations() == null
        || claim.getMetadata().getAnnotations().isEmpty(), "no deprecated storage-class annotation");

    Deployment deployment = assertInstanceOf(Deployment.class, manifests.get(3).resource());
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
    assertEquals(10001L, deployment.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup());
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("mcr.microsoft.com/azure-sql-edge:1.0.7", container.getImage());
    Map<String, EnvVar> env = container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> a, LinkedHashMap::new));
    assertEquals("Y", env.get("ACCEPT_EULA").getValue());
    assertEquals("Developer", env.get("MSSQL_PID").getValue());
    assertEquals("true", env.get("MSSQL_AGENT_ENABLED").getValue());
    assertEquals("SQL_Latin1_General_CP1_CI_AS", env.get("MSSQL_COLLATION").getValue());
    assertEquals("1033", env.get("MSSQL_LCID").getValue());
    var secretRef = env.get("MSSQL_SA_PASSWORD").getValueFrom().getSecretKeyRef();
    assertEquals("mssql", secretRef.getName());
    assertEquals("MSSQL_SA_PASSWORD", secretRef.getKey());
    assertNull(env.get("MSSQL_SA_PASSWORD").getValue());
    assertEquals("mssql", container.getReadinessProbe().getTcpSocket().getPort().getStrVal());
    assertEquals(List.of("/bin/sh", "-c", ListenerProbe.command(1433)),
        container.getLivenessProbe().getExec().getCommand(), "not the readiness probe again");
    assertEquals("256Mi", container.getResources().getRequests().get("ephemeral-storage")
        .toString());
    assertEquals("2Gi", container.getResources().getLimits().get("ephemeral-storage").toString());
    assertEquals("/var/opt/mssql", container.getVolumeMounts().get(0).getMountPath());
    assertEquals("mssql-data", deployment.getSpec().getTemplate().getSpec().getVolumes().get(0)
        .getPersistentVolumeClaim().getClaimName());
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
        Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "sqledge"));

    Service service = assertInstanceOf(Service.class, manifests.get(4).resource());
    assertEquals("LoadBalancer", service.getSpec().getType());
    assertEquals(1433, service.getSpec().getPorts().get(0).getPort());
    assertEquals("mssql", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
  }

  @Test
  void existingStorageClassIsReferencedNotGenerated() throws Exception {
    List<Manifest> manifests = manifestsOf(TestConfigs.checked(dir,
        "storage:\n  createClass: false\n  className: managed-csi-premium\n"));

    assertEquals(List.of("PersistentVolumeClaim", "NetworkPolicy", "Deployment", "Service",
        "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList());
    assertEquals("managed-csi-premium",
        ((PersistentVolumeClaim) manifests.get(0).resource()).getSpec().getStorageClassName());
  }

  @Test
  void namespaceGoesOnNamespacedResourcesOnly() throws Exception {
    List<Manifest> manifests = manifestsOf(TestConfigs.checked(dir, "namespace: data\n"));

    assertNull(manifests.get(0).resource().getMetadata().getNamespace());
    for (Manifest manifest : manifests.subList(1, manifests.size())) {
      assertEquals("data", manifest.resource().getMetadata().getNamespace(), manifest::describe);
    }
  }

  @Test
  void hostileValuesStayValuesAndAddNoKeys() throws Exception {
    String hostile = "x\"\n  injected: yes\n---\nkind: Secret\n# {{ a }} ${b} *c &d !e - f";
    InstanceConfig config = TestConfigs.checked(dir, """
        service:
          annotations:
            example.com/note: "x\\"\\n  injected: yes\\n---\\nkind: Secret\\n# {{ a }} ${b} *c &d !e - f"
        engine:
          env:
            NOTE: "x\\"\\n  injected: yes\\n---\\nkind: Secret\\n# {{ a }} ${b} *c &d !e - f"
        """);

    List<Manifest> manifests = manifestsOf(config);

    assertEquals(7, manifests.size());
    Service service = (Service) manifests.get(4).resource();
    assertEquals(Map.of("example.com/note", hostile), service.getMetadata().getAnnotations());
    Deployment deployment = (Deployment) manifests.get(3).resource();
    List<EnvVar> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    assertEquals(hostile, env.get(env.size() - 1).getValue());
    assertEquals(9, env.size());
  }

  @Test
  void templateErrorNamesTheTemplateAndLine() throws Exception {
    StringTemplateLoader loader = new StringTemplateLoader();
    loader.putTemplate("broken.yaml.ftl", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${nosuch.value}\n");
    ManifestRenderer renderer = ManifestRenderer.of(loader, List.of("broken.yaml.ftl"));

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> renderer.render(TestConfigs.defaults()));

    Problem problem = e.problems().get(0);
    assertEquals("templates/broken.yaml.ftl", problem.origin().file());
    assertEquals(4, problem.origin().line());
    assertTrue(problem.message().startsWith("template error: "), problem::render);
    assertTrue(problem.message().contains("nosuch"), problem::render);
    assertTrue(!e.getMessage().contains("\tat "), "no stack trace in the message");
  }

  @Test
  void templateSyntaxErrorNamesTheTemplateAndLine() throws Exception {
    StringTemplateLoader loader = new StringTemplateLoader();
    loader.putTemplate("broken.yaml.ftl", "apiVersion: v1\n<#if name>\nkind: ConfigMap\n");
    ManifestRenderer renderer = ManifestRenderer.of(loader, List.of("broken.yaml.ftl"));

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> renderer.render(TestConfigs.defaults()));

    assertEquals("templates/broken.yaml.ftl", e.problems().get(0).origin().file());
    assertTrue(e.problems().get(0).message().startsWith("template syntax error"), e::getMessage);
  }
}
