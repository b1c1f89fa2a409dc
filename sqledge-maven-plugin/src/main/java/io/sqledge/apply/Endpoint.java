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
   * endpoint} and {@code jdbcUrl}; with an application database, {@code database}, and with its
   * owner login, {@code username} and {@code passwordSecret} (the Secret that holds its
   * password). The Maven properties and the connection file both use these names. Never the
   * password.
   */
  public Map<String, String> connection(InstanceConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("host", host);
    values.put("port", String.valueOf(port));
    values.put("endpoint", toString());
    values.put("jdbcUrl", JdbcUrl.of(config, host, port));
    if (!config.connectionDatabase().isEmpty()) {
      values.put("database", config.connectionDatabase());
    }
    String login = config.applicationLogin();
    if (!login.isEmpty()) {
      values.put("username", login);
      values.put("passwordSecret", config.accountLogins().stream()
          .filter(l -> l.name().equalsIgnoreCase(login)).findFirst().orElseThrow()
          .secretName(config.name()));
    }
    return values;
  }
}
