package io.sqledge.render;

import io.sqledge.config.CertManagerConfig;
import io.sqledge.config.InstanceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the templates see as {@code certificate}: the cert-manager Certificate of {@code
 * tls.certManager}, for the names clients reach the instance by. See docs/tls.md.
 *
 * <p>Its usages follow Microsoft's "Certificate requirements for SQL Server": the certificate must
 * be meant for server authentication (the extended key usage {@code server auth}), with the key
 * usages a TLS server's RSA key needs. The key is RSA, as in every Linux example of "Encrypt
 * connections to SQL Server on Linux"; cert-manager makes a new key at each renewal.
 */
final class CertificateModel {

  /** The cluster domain of the Service's full name, as {@code ServiceDns} writes it. */
  private static final String CLUSTER_DOMAIN = "svc.cluster.local";

  private CertificateModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    CertManagerConfig certManager = config.tls().certManager();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("enabled", certManager.enabled());
    if (!certManager.enabled()) {
      return model;
    }
    model.put("name", config.name());
    model.put("secretName", config.tls().secret(config.name()));
    model.put("issuerRef", Map.of("name", certManager.issuerRef().name(),
        "kind", certManager.issuerRef().kind(), "group", certManager.issuerRef().group()));
    model.put("dnsNames", dnsNames(config));
    List<String> addresses = new ArrayList<>();
    if (!config.service().loadBalancerIP().isEmpty()) {
      addresses.add(config.service().loadBalancerIP());
    }
    model.put("ipAddresses", addresses);
    return model;
  }

  /**
   * The Service's names in the cluster (the namespace is required with cert-manager: TlsRules),
   * the name clients check, then the user's, each once.
   */
  static List<String> dnsNames(InstanceConfig config) {
    String name = config.name();
    String namespace = config.namespace();
    Set<String> names = new LinkedHashSet<>(List.of(name, name + "." + namespace,
        name + "." + namespace + ".svc", name + "." + namespace + "." + CLUSTER_DOMAIN));
    if (!config.tls().hostName().isEmpty()) {
      names.add(config.tls().hostName());
    }
    names.addAll(config.tls().certManager().dnsNames());
    return List.copyOf(names);
  }
}
