package io.sqledge.config;

/**
 * Encrypted connections with a certificate of the instance's own, from a Secret (an existing one,
 * or one cert-manager writes): SQL Server reads it through the {@code [network]} section of its
 * {@code mssql.conf}. Neither: SQL Server's own self-signed certificate. See docs/tls.md.
 */
public record TlsConfig(
    @Key(value = "", doc = "A `kubernetes.io/tls` Secret (`tls.crt`, `tls.key`) whose"
        + " certificate SQL Server presents: its names must include the one clients connect to"
        + " (`tls.hostName`). An existing one, or with `tls.certManager` the one cert-manager"
        + " writes (default `<name>-tls`). Empty, without `tls.certManager`: no TLS of the"
        + " instance's own. See [TLS](tls.md).")
    String secretName,
    @Key(value = "", doc = "The name clients check the certificate against"
        + " (`hostNameInCertificate` in the JDBC URL). Empty: the Service's DNS name,"
        + " `<name>.<namespace>.svc.cluster.local`.")
    String hostName,
    @Key(value = "true", doc = "Refuse unencrypted connections (`forceencryption = 1`): every"
        + " client must use TLS. `false` lets clients choose (`forceencryption = 0`).")
    boolean forceEncryption,
    @Key(value = "{}", doc = "Let cert-manager issue and renew the certificate.")
    CertManagerConfig certManager) {

  /** Whether the instance has a certificate of its own. */
  public boolean enabled() {
    return !secretName.isEmpty() || certManager.enabled();
  }

  /** The Secret SQL Server's certificate is in: the one named, or cert-manager's default. */
  public String secret(String instance) {
    return secretName.isEmpty() && certManager.enabled() ? instance + "-tls" : secretName;
  }
}
