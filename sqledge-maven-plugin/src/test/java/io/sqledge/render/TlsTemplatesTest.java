package io.sqledge.render;

import static io.sqledge.TestManifests.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.sqledge.TestManifests;
import io.sqledge.config.Engine;
import io.sqledge.verify.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * tls.secretName gives SQL Server a certificate of its own: the mssql.conf that names it, copied
 * onto the data disk before SQL Server starts, the Secret mounted for SQL Server's group only,
 * and a JDBC URL that checks the certificate, each read back as a typed Kubernetes object.
 */
class TlsTemplatesTest {

  static final String WITH_TLS = """
      name: db
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      tls:
        secretName: db-tls
      connection:
        configMap: true
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return TestManifests.render(dir, yaml);
  }

  @Test
  void withoutASecretNothingChanges() throws Exception {
    List<Manifest> manifests = render("namespace: shop\nconnection:\n  configMap: true\n");
    PodTemplateSpec pod = all(manifests, Deployment.class).get(0).getSpec().getTemplate();
    assertTrue(pod.getSpec().getInitContainers().isEmpty());
    assertTrue(pod.getMetadata().getAnnotations() == null
        || pod.getMetadata().getAnnotations().isEmpty());
    String url = all(manifests, ConfigMap.class).get(0).getData().get("SQLEDGE_JDBC_URL");
    assertTrue(url.endsWith(";encrypt=true;trustServerCertificate=true"), url);
  }

  @Test
  void mssqlConfNamesTheCertificateAndIsCopiedOntoTheDataDiskBeforeSqlServerStarts()
      throws Exception {
    List<Manifest> manifests = render(WITH_TLS);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "ConfigMap",
        "Deployment", "Service", "ConfigMap", "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList(),
        "the ConfigMap exists before the pod that reads it");
    ConfigMap conf = all(manifests, ConfigMap.class).get(0);
    assertEquals("db-mssql-conf", conf.getMetadata().getName());
    String text = conf.getData().get("mssql.conf");
    assertEquals("""
        [network]
        tlscert = /var/opt/sqledge/tls/tls.crt
        tlskey = /var/opt/sqledge/tls/tls.key
        tlsprotocols = 1.2
        forceencryption = 1
        """, text);

    PodTemplateSpec pod = all(manifests, Deployment.class).get(0).getSpec().getTemplate();
    assertEquals(sha256(text), pod.getMetadata().getAnnotations()
        .get("sqledge.io/mssql-conf-checksum"), "a changed mssql.conf restarts SQL Server");
    Container copy = pod.getSpec().getInitContainers().get(0);
    assertEquals(List.of("/bin/sh", "-c",
        "cp /var/opt/sqledge/conf/mssql.conf /var/opt/mssql/mssql.conf"), copy.getCommand());
    assertEquals(pod.getSpec().getContainers().get(0).getImage(), copy.getImage());
    assertEquals(List.of("mssql-data:/var/opt/mssql", "mssql-conf:/var/opt/sqledge/conf"),
        copy.getVolumeMounts().stream().map(m -> m.getName() + ":" + m.getMountPath()).toList());
    assertTrue(copy.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(List.of("cpu", "ephemeral-storage", "memory"), copy.getResources().getRequests()
        .keySet().stream().sorted().toList());
    assertEquals(copy.getResources().getRequests().keySet(),
        copy.getResources().getLimits().keySet(), "requests and limits for every resource");
    assertEquals(copy.getResources().getRequests().get("memory"),
        copy.getResources().getLimits().get("memory"));

    VolumeMount certificate = pod.getSpec().getContainers().get(0).getVolumeMounts().stream()
        .filter(m -> m.getName().equals("tls")).findFirst().orElseThrow();
    assertEquals("/var/opt/sqledge/tls", certificate.getMountPath());
    assertTrue(certificate.getReadOnly());
    Volume secret = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("tls"))
        .findFirst().orElseThrow();
    assertEquals("db-tls", secret.getSecret().getSecretName());
    assertEquals(0440, secret.getSecret().getDefaultMode(),
        "the key is readable by its owner and SQL Server's group (fsGroup) only");
    assertEquals(List.of("tls.crt", "tls.key"), secret.getSecret().getItems().stream()
        .map(item -> item.getKey()).toList());
  }

  @Test
  void theJdbcUrlChecksTheCertificateAgainstTheServicesName() throws Exception {
    List<Manifest> manifests = render(WITH_TLS);
    String url = all(manifests, ConfigMap.class).get(1).getData().get("SQLEDGE_JDBC_URL");
    assertEquals("jdbc:sqlserver://db.shop.svc.cluster.local:1433;databaseName=app;encrypt=true;"
        + "trustServerCertificate=false;hostNameInCertificate=db.shop.svc.cluster.local", url);
    String named = all(render(WITH_TLS + "  trustServerCertificate: true\n"), ConfigMap.class)
        .get(1).getData().get("SQLEDGE_JDBC_URL");
    assertTrue(named.contains(";trustServerCertificate=true;"), "set, it is the user's: " + named);
    String host = all(render(WITH_TLS.replace("  secretName: db-tls\n",
        "  secretName: db-tls\n  hostName: sql.shop.example\n")), ConfigMap.class).get(1)
        .getData().get("SQLEDGE_JDBC_URL");
    assertTrue(host.endsWith(";hostNameInCertificate=sql.shop.example"), host);
  }

  /** Every engine reads the file; SQL Server 2025 enables TLS 1.3 itself, and is not held to 1.2. */
  @ParameterizedTest
  @CsvSource({"AZURE_SQL_EDGE,true", "SQL_SERVER_2019,true", "SQL_SERVER_2022,true",
      "SQL_SERVER_2025,false", "CUSTOM,true"})
  void theProtocolsAreSetWhereMicrosoftsExampleSetsThem(Engine engine, boolean protocols) {
    String conf = TlsModel.mssqlConf(false, engine);
    assertEquals(protocols, conf.contains("tlsprotocols = 1.2\n"), conf);
    assertTrue(conf.endsWith("forceencryption = 0\n"), conf);
  }

  @Test
  void aStatefulSetCopiesOntoItsClaimTemplatesVolume() throws Exception {
    StatefulSet set = all(render(WITH_TLS + "ha:\n  workload: StatefulSet\n"),
        StatefulSet.class).get(0);
    Container copy = set.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertEquals(set.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName(),
        copy.getVolumeMounts().get(0).getName());
    assertFalse(set.getSpec().getTemplate().getSpec().getVolumes().isEmpty());
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static final String WITH_CERT_MANAGER = """
      name: db
      namespace: shop
      engine:
        image: mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04
      service:
        loadBalancerIP: 10.20.0.7
      tls:
        hostName: sql.shop.example
        certManager:
          issuerRef: {name: shop-ca, kind: ClusterIssuer}
          dnsNames: [db.shop.example, sql.shop.example]
      """;

  /**
   * cert-manager's Certificate comes before the pod, for every name clients reach the instance
   * by, into the Secret the pod mounts.
   */
  @Test
  void certManagerIssuesTheCertificateThePodMounts() throws Exception {
    List<Manifest> manifests = render(WITH_CERT_MANAGER);
    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Certificate",
        "ConfigMap", "Deployment", "Service", "ConfigMap", "Job"),
        manifests.stream().map(Manifest::kind).toList());
    GenericKubernetesResource certificate =
        all(manifests, GenericKubernetesResource.class).get(0);
    assertEquals("cert-manager.io/v1", certificate.getApiVersion());
    assertEquals("db", certificate.getMetadata().getName());
    assertEquals("shop", certificate.getMetadata().getNamespace());
    Map<String, Object> spec = certificate.get("spec");
    assertEquals("db-tls", spec.get("secretName"));
    assertEquals(Map.of("name", "shop-ca", "kind", "ClusterIssuer", "group", "cert-manager.io"),
        spec.get("issuerRef"));
    assertEquals(List.of("db", "db.shop", "db.shop.svc", "db.shop.svc.cluster.local",
        "sql.shop.example", "db.shop.example"), spec.get("dnsNames"), "each once");
    assertEquals(List.of("10.20.0.7"), spec.get("ipAddresses"));
    assertEquals(List.of("server auth", "digital signature", "key encipherment"),
        spec.get("usages"));
    Volume tls = all(manifests, Deployment.class).get(0).getSpec().getTemplate().getSpec()
        .getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
    assertEquals("db-tls", tls.getSecret().getSecretName());
  }

  @Test
  void aSecretNamedWithCertManagerIsTheOneItWrites() throws Exception {
    List<Manifest> manifests = render(WITH_CERT_MANAGER.replace("  hostName: sql.shop.example\n",
        "  secretName: db-certificate\n"));
    Map<String, Object> spec = all(manifests, GenericKubernetesResource.class).get(0).get("spec");
    assertEquals("db-certificate", spec.get("secretName"));
    assertEquals(List.of("db", "db.shop", "db.shop.svc", "db.shop.svc.cluster.local",
        "db.shop.example", "sql.shop.example"), spec.get("dnsNames"));
  }
}
