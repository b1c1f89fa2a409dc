package io.sqledge.check;

import io.sqledge.config.CertManagerConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.TlsConfig;
import java.util.List;

/**
 * The rules of a certificate of the instance's own ({@code tls.*}): names Kubernetes and DNS take,
 * and a client side that checks the certificate. Every engine takes the {@code [network]}
 * section of mssql.conf ("Encrypt connections to SQL Server on Linux"; Azure SQL Edge, which has
 * no mssql-conf tool, through the same file: "Secure Azure SQL Edge"), so none is refused. See
 * docs/tls.md.
 */
final class TlsRules {

  private TlsRules() {}

  static void check(InstanceConfig config, Rules rules) {
    TlsConfig tls = config.tls();
    if (!tls.enabled()) {
      if (!tls.certManager().dnsNames().isEmpty()) {
        rules.error("tls.certManager.dnsNames", "`tls.certManager.dnsNames` names DNS names, but"
            + " without `tls.certManager.issuerRef.name` no certificate is issued for them",
            "name the issuer in `tls.certManager.issuerRef.name`, or leave the names out");
      }
      if (config.sources().isSet("tls.hostName")) {
        rules.warning("tls.hostName", "`tls.hostName` is set, but without `tls.secretName` SQL"
            + " Server presents its own self-signed certificate, which holds no such name",
            "set `tls.secretName` to the Secret of a certificate for that name, or leave"
                + " `tls.hostName` out");
      }
      return;
    }
    if (!tls.secretName().isEmpty()) {
      rules.name("tls.secretName", tls.secretName(), KubernetesNames::dns1123Subdomain,
          "it names a Secret");
    }
    if (tls.certManager().enabled()) {
      checkCertManager(config, rules);
    }
    if (!tls.hostName().isEmpty()) {
      rules.name("tls.hostName", tls.hostName(), KubernetesNames::dns1123Subdomain,
          "clients compare it with the certificate's DNS names");
    }
    if (config.sources().isSet("connection.trustServerCertificate")
        && config.connection().trustServerCertificate()) {
      rules.warning("connection.trustServerCertificate",
          "`connection.trustServerCertificate: true` accepts any certificate, so the one in `"
              + tls.secret(config.name()) + "` protects nothing against a server that pretends to be"
              + " this one", "leave it out: with `tls.secretName` clients check the certificate");
    }
  }

  /**
   * cert-manager's Certificate: an issuer cert-manager can name, DNS names a certificate can hold,
   * and a namespace, since the certificate names the Service's DNS name {@code
   * <name>.<namespace>.svc}.
   */
  private static void checkCertManager(InstanceConfig config, Rules rules) {
    CertManagerConfig certManager = config.tls().certManager();
    rules.name("tls.certManager.issuerRef.name", certManager.issuerRef().name(),
        KubernetesNames::dns1123Subdomain, "it names an Issuer or ClusterIssuer");
    rules.name("tls.certManager.issuerRef.group", certManager.issuerRef().group(),
        KubernetesNames::dns1123Subdomain, "it names an API group");
    if (config.namespace().isEmpty()) {
      rules.error("tls.certManager.issuerRef.name", "a certificate from cert-manager names the"
          + " Service's DNS name `<name>.<namespace>.svc`, but no `namespace` is set",
          "set `namespace` (or `-Dsqledge.namespace`)");
    }
    List<String> dnsNames = certManager.dnsNames();
    for (int i = 0; i < dnsNames.size(); i++) {
      String dnsName = dnsNames.get(i);
      rules.name("tls.certManager.dnsNames[" + i + "]", dnsName.startsWith("*.")
              ? dnsName.substring(2) : dnsName, KubernetesNames::dns1123Subdomain,
          "a certificate's DNS name, optionally `*.` and a domain");
    }
  }
}
