package io.sqledge.render;

import io.sqledge.config.Engine;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.TlsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the templates see as {@code mssqlConf} (beside the configuration's {@code tls}): SQL
 * Server's {@code mssql.conf} with the {@code [network]} section that points it at the
 * certificate, the ConfigMap that carries it, and where the pod mounts both. See docs/tls.md.
 *
 * <p>The file follows "Encrypt connections to SQL Server on Linux" and "Secure SQL Server Linux
 * containers": {@code tlscert}, {@code tlskey}, {@code forceencryption}, and {@code tlsprotocols =
 * 1.2} for SQL Server 2022 and earlier (and Azure SQL Edge, configured by the same file: "Secure
 * Azure SQL Edge"); SQL Server 2025's example sets no protocols, since it enables TLS 1.3 by
 * default, and neither does this. SQL Server reads it from {@code /var/opt/mssql/mssql.conf}, on
 * the data disk: an init container copies it there before each start, as Microsoft's StatefulSet
 * example copies its ConfigMap's file ("Deploy SQL Server Linux containers on Kubernetes with
 * StatefulSets"), so the file stays writable and is the configuration's at every start.
 */
final class TlsModel {

  /** Where the pod mounts the Secret's certificate and key. */
  static final String CERTIFICATE_DIRECTORY = "/var/opt/sqledge/tls";

  /** Where the init container finds the ConfigMap's mssql.conf. */
  static final String CONF_DIRECTORY = "/var/opt/sqledge/conf";

  private TlsModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    TlsConfig tls = config.tls();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("enabled", tls.enabled());
    if (!tls.enabled()) {
      return model;
    }
    String conf = mssqlConf(tls.forceEncryption(), Engine.of(config.engine().image()));
    model.put("name", config.name() + "-mssql-conf");
    model.put("text", conf);
    model.put("checksum", BundledResource.sha256(conf));
    model.put("directory", CONF_DIRECTORY);
    model.put("copy", "cp " + CONF_DIRECTORY + "/mssql.conf /var/opt/mssql/mssql.conf");
    model.put("certificateDirectory", CERTIFICATE_DIRECTORY);
    model.put("secretName", tls.secret(config.name()));
    return model;
  }

  /** The whole mssql.conf: SQL Server's defaults for everything but the network section. */
  static String mssqlConf(boolean forceEncryption, Engine engine) {
    StringBuilder conf = new StringBuilder("[network]\n")
        .append("tlscert = ").append(CERTIFICATE_DIRECTORY).append("/tls.crt\n")
        .append("tlskey = ").append(CERTIFICATE_DIRECTORY).append("/tls.key\n");
    if (engine != Engine.SQL_SERVER_2025) {
      conf.append("tlsprotocols = 1.2\n");
    }
    conf.append("forceencryption = ").append(forceEncryption ? 1 : 0).append('\n');
    return conf.toString();
  }
}
