package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
import io.sqledge.config.TlsConfig;

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
      if (config.sources().isSet("tls.hostName")) {
        rules.warning("tls.hostName", "`tls.hostName` is set, but without `tls.secretName` SQL"
            + " Server presents its own self-signed certificate, which holds no such name",
            "set `tls.secretName` to the Secret of a certificate for that name, or leave"
                + " `tls.hostName` out");
      }
      return;
    }
    rules.name("tls.secretName", tls.secretName(), KubernetesNames::dns1123Subdomain,
        "it names a Secret");
    if (!tls.hostName().isEmpty()) {
      rules.name("tls.hostName", tls.hostName(), KubernetesNames::dns1123Subdomain,
          "clients compare it with the certificate's DNS names");
    }
    if (config.sources().isSet("connection.trustServerCertificate")
        && config.connection().trustServerCertificate()) {
      rules.warning("connection.trustServerCertificate",
          "`connection.trustServerCertificate: true` accepts any certificate, so the one in `"
              + tls.secretName() + "` protects nothing against a server that pretends to be"
              + " this one", "leave it out: with `tls.secretName` clients check the certificate");
    }
  }
}
