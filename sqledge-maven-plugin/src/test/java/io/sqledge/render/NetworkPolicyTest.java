package io.sqledge.render;

import static io.sqledge.TestManifests.first;
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

  /**
   * Without peers, the clients the Service is for: this namespace's pods and, behind a load
   * balancer or node port, any address (after kube-proxy's source NAT, node addresses).
   */
  @Test
  void byDefaultTheServicesClientsMayReachTheSqlPortOnly() throws Exception {
    NetworkPolicy policy = first(render(""), NetworkPolicy.class);
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), "egress stays open");
    NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
    assertEquals(1, policy.getSpec().getIngress().size());
    assertEquals(1433, rule.getPorts().get(0).getPort().getIntVal());
    assertEquals(4, rule.getFrom().size());
    assertEquals(Map.of("app.kubernetes.io/name", "sqledge-accounts",
        "app.kubernetes.io/instance", "sqledge"), rule.getFrom().get(3).getPodSelector()
        .getMatchLabels(), "the job of the databases and logins");
    assertEquals(Map.of(), rule.getFrom().get(0).getPodSelector().getMatchLabels() == null
        ? Map.of() : rule.getFrom().get(0).getPodSelector().getMatchLabels(), "every pod");
    assertEquals(null, rule.getFrom().get(0).getNamespaceSelector(), "of this namespace");
    assertEquals(List.of("0.0.0.0/0", "::/0"), rule.getFrom().subList(1, 3).stream()
        .map(peer -> peer.getIpBlock().getCidr()).toList());
  }

  @Test
  void behindAClusterIpOnlyThisNamespacesPods() throws Exception {
    NetworkPolicyIngressRule rule = first(render("service:\n  type: ClusterIP\n"),
        NetworkPolicy.class).getSpec().getIngress().get(0);
    assertEquals(2, rule.getFrom().size(), "this namespace's pods, and the accounts job");
    assertEquals(null, rule.getFrom().get(0).getIpBlock());
    assertEquals(null, rule.getFrom().get(0).getNamespaceSelector());
  }

  @Test
  void noPolicyWhenTurnedOff() throws Exception {
    assertTrue(render("network:\n  policy: false\n").stream()
        .noneMatch(m -> m.kind().equals("NetworkPolicy")));
  }

  @Test
  void peersWithoutAPolicyAreRefusedAtThePeers() {
    SqledgeException e = assertThrows(SqledgeException.class, () -> render("""
        network:
          policy: false
          allowFrom:
            - podSelector: {matchLabels: {app: api}}
        """));
    assertTrue(e.getMessage().contains("sqledge.yaml:4:5: `network.allowFrom` names peers, but"
        + " `network.policy` is false"), e::getMessage);
  }

  @Test
  void thePeersMayReachTheSqlPortOfTheDatabasePodsOnly() throws Exception {
    List<Manifest> manifests = render(ALLOW_FROM);

    assertEquals(List.of("StorageClass", "PersistentVolumeClaim", "NetworkPolicy", "Deployment",
        "Service", "ConfigMap", "Job"), manifests.stream().map(Manifest::kind).toList(),
        "before the pods start");
    NetworkPolicy policy = (NetworkPolicy) manifests.get(2).resource();
    assertEquals("sqledge", policy.getMetadata().getName());
    assertEquals(Map.of("app.kubernetes.io/name", "mssql", "app.kubernetes.io/instance", "sqledge"),
        policy.getSpec().getPodSelector().getMatchLabels());
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
    NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
    assertEquals(1, policy.getSpec().getIngress().size());
    assertEquals(1500, rule.getPorts().get(0).getPort().getIntVal(), "the container's port");
    assertEquals("TCP", rule.getPorts().get(0).getProtocol());
    assertEquals(4, rule.getFrom().size(), "the three peers, and the accounts job");
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
