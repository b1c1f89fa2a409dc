package io.sqledge.config;

import java.util.List;

/**
 * A certificate that cert-manager issues and renews: the plugin writes a {@code cert-manager.io/v1}
 * Certificate, and cert-manager writes the Secret SQL Server reads. See docs/tls.md.
 */
public record CertManagerConfig(
    @Key(value = "{name: \"\", kind: Issuer, group: cert-manager.io}", doc = "The issuer that"
        + " signs the certificate, as cert-manager's `issuerRef`. A name: the plugin writes a"
        + " Certificate `<name>` for the Secret `tls.secretName` (default `<name>-tls`). Empty:"
        + " no Certificate.")
    IssuerRef issuerRef,
    @Key(value = "[]", doc = "More DNS names for the certificate, such as the load balancer's"
        + " host name. It always holds the Service's names in the cluster (`<name>`,"
        + " `<name>.<namespace>`, `….svc`, `….svc.cluster.local`), `tls.hostName`, and"
        + " `service.loadBalancerIP` as an IP address.")
    List<String> dnsNames) {

  /** Whether cert-manager issues the instance's certificate. */
  public boolean enabled() {
    return !issuerRef.name().isEmpty();
  }

  /** cert-manager's reference to an issuer. */
  public record IssuerRef(
      @Key(value = "", doc = "The issuer's name.")
      String name,
      @Key(value = "Issuer", oneOf = {"Issuer", "ClusterIssuer"}, doc = "`Issuer` (in the"
          + " instance's namespace) or `ClusterIssuer`; cert-manager's external issuers are"
          + " not taken.")
      String kind,
      @Key(value = "cert-manager.io", doc = "The issuer's API group.")
      String group) {}
}
