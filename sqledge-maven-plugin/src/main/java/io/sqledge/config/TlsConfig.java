package io.sqledge.config;

/**
 * Encrypted connections with a certificate of the instance's own, from a Secret: SQL Server reads
 * it through the {@code [network]} section of its {@code mssql.conf}. Empty: SQL Server's own
 * self-signed certificate, as before. See docs/tls.md.
 */
public record TlsConfig(
    @Key(value = "", doc = "An existing `kubernetes.io/tls` Secret (`tls.crt`, `tls.key`) whose"
        + " certificate SQL Server presents: its names must include the one clients connect to"
        + " (`tls.hostName`). Empty: no TLS of the instance's own. See [TLS](tls.md).")
    String secretName,
    @Key(value = "", doc = "The name clients check the certificate against"
        + " (`hostNameInCertificate` in the JDBC URL). Empty: the Service's DNS name,"
        + " `<name>.<namespace>.svc.cluster.local`.")
    String hostName,
    @Key(value = "true", doc = "Refuse unencrypted connections (`forceencryption = 1`): every"
        + " client must use TLS. `false` lets clients choose (`forceencryption = 0`).")
    boolean forceEncryption) {

  /** Whether the instance has a certificate of its own. */
  public boolean enabled() {
    return !secretName.isEmpty();
  }
}
