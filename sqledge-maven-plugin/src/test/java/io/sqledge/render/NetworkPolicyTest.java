package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** network.allowFrom: a NetworkPolicy admitting those peers on the SQL port only, or none. */
public class NetworkPolicyTest {

  public static final String ALLOW_FROM = """
      engine:
        tcpPort: 1500
      network:
        allowFrom:
          - podSelector:
              matchLabels: {app: orders-api}
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: reporting}
            podSelector:
              matchExpressions:
                - {key: role, operator: In, values: [etl]}
          - ipBlock:
              cidr: 10.20.0.0/16
              except: [10.20.99.0/24]
      """;

  @TempDir Path dir;

  private List<Manifest> render(String yaml) throws Exception {
    return ManifestVerifier.verify(ManifestRenderer.bundled().render(TestConfigs.checked(dir, yaml)))
        .manifests();
  }

  @Test
  void noPeersNoPolicy() throws Exception {
    assertTrue(render("").stream().noneMatch(m -> m.kind().equals("NetworkPolicy")));
  }

  @Test
  void thePeersMayReachTheSqlPortOfTheDatabasePodsOnly() throws Exception {
    List<Manifest> manifests = render(ALLOW_FROM);

    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service"), manifests.stream().map(Manifest::kind).toList(), "before the pods start");
    NetworkPolicy policy = (NetworkPolicy) manifests.get(2).resource();
    assertEquals("sqledge", policy.getMetadata().getName());
    assertEquals(Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "sqledge"),
        policy.getSpec().getPodSelector().getMatchLabels());
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
    NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
    assertEquals(1, policy.getSpec().getIngress().size());
    assertEquals(1500, rule.getPorts().get(0).getPort().getIntVal(), "the container's port");
    assertEquals("TCP", rule.getPorts().get(0).getProtocol());
    assertEquals(3, rule.getFrom().size());
    assertEquals(Map.of("app", "orders-api"), rule.getFrom().get(0).getPodSelector().getMatchLabels());
    assertEquals("reporting", rule.getFrom().get(1).getNamespaceSelector().getMatchLabels()
        .get("kubernetes.io/metadata.name"));
    assertEquals(List.of("etl"), rule.getFrom().get(1).getPodSelector().getMatchExpressions()
        .get(0).getValues());
    assertEquals("10.20.0.0/16", rule.getFrom().get(2).getIpBlock().getCidr());
    assertEquals(List.of("10.20.99.0/24"), rule.getFrom().get(2).getIpBlock().getExcept());
  }

  @Test
  void aMisspeltPeerFieldIsReportedAtTheValueWithItsPath() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> render("""
        network:
          allowFrom:
            - podSelector: {matchLabels: {app: api}}
            - ipBlok: {cidr: 10.0.0.0/8}
        """));
    assertTrue(e.getMessage().contains("sqledge.yaml:3:5: `network.allowFrom[1].ipBlok`: unknown"
        + " field `ipBlok` in a NetworkPolicyPeer"), e::getMessage);
    assertTrue(e.getMessage().contains("did you mean `ipBlock`?"), e::getMessage);
  }

  @Test
  void peersMustBeAList() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> render("network:\n  allowFrom: {podSelector: {}}\n"));
    assertTrue(e.getMessage().contains("`network.allowFrom` must be a list of NetworkPolicy"
        + " peers"), e::getMessage);
  }
}
