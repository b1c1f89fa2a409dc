package io.sqledge.apply;

import io.sqledge.config.InstanceConfig;
import io.sqledge.config.JdbcUrl;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where clients reach the database: a host (a name or an address) and the Service's port. */
public record Endpoint(String host, int port) {

  /** SQL Server's own notation, as sqlcmd and ADO.NET connection strings take it. */
  @Override
  public String toString() {
    return host + "," + port;
  }

  /**
   * What the rest of a pipeline needs to connect, by name: {@code host}, {@code port}, {@code
   * endpoint} and {@code jdbcUrl}; the Maven properties and the connection file both use these
   * names. Never the password.
   */
  public Map<String, String> connection(InstanceConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("host", host);
    values.put("port", String.valueOf(port));
    values.put("endpoint", toString());
    values.put("jdbcUrl", JdbcUrl.of(config, host, port));
    return values;
  }
}
