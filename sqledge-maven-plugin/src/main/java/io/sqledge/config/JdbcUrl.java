package io.sqledge.config;

/**
 * The Microsoft JDBC driver's connection URL of a database at {@code host:port}, with the options
 * of {@link ConnectionConfig}: {@code jdbc:sqlserver://host:port;databaseName=…;encrypt=…;
 * trustServerCertificate=…}. Never a user or a password: those belong in the driver's properties.
 */
public final class JdbcUrl {

  private JdbcUrl() {}

  /**
   * The URL of {@code config}'s instance at {@code host:port}. With a certificate of its own
   * ({@code tls.secretName}), the driver checks it: {@code trustServerCertificate=false} unless
   * the configuration sets it, and {@code hostNameInCertificate} the name the certificate holds
   * ({@code tls.hostName}, else the Service's DNS name), which a client reaching the load
   * balancer's address would otherwise compare with that address.
   */
  public static String of(InstanceConfig config, String host, int port) {
    return of(config, host, port, config.connectionDatabase());
  }

  /** As {@link #of(InstanceConfig, String, int)}, naming {@code database} instead. */
  public static String of(InstanceConfig config, String host, int port, String database) {
    ConnectionConfig given = config.connection();
    ConnectionConfig connection = new ConnectionConfig(database, given.encrypt(),
        given.trustServerCertificate(), given.configMap());
    if (!config.tls().enabled()) {
      return of(connection, host, port);
    }
    boolean trust = config.sources().isSet("connection.trustServerCertificate")
        && connection.trustServerCertificate();
    return of(new ConnectionConfig(connection.database(), connection.encrypt(), trust,
        connection.configMap()), host, port) + ";hostNameInCertificate="
        + value(certificateHostName(config));
  }

  /** The name clients check the certificate against: {@code tls.hostName} or the Service's. */
  private static String certificateHostName(InstanceConfig config) {
    return config.tls().hostName().isEmpty() ? ServiceDns.host(config.name(), config.namespace())
        : config.tls().hostName();
  }

  public static String of(ConnectionConfig connection, String host, int port) {
    StringBuilder url = new StringBuilder("jdbc:sqlserver://");
    if (host.contains(":")) {
      // An IPv6 address cannot stand before ":port" (its own colons would be read as the port);
      // the driver takes it as the serverName property instead.
      url.append(";serverName=").append(value(host)).append(";portNumber=").append(port);
    } else {
      url.append(host).append(':').append(port);
    }
    if (!connection.database().isEmpty()) {
      url.append(";databaseName=").append(value(connection.database()));
    }
    url.append(";encrypt=").append(connection.encrypt());
    url.append(";trustServerCertificate=").append(connection.trustServerCertificate());
    return url.toString();
  }

  /**
   * A property value as the driver reads it: in braces when it holds a character that would end
   * or split it ({@code ;}, {@code =}, braces, surrounding spaces), with {@code }} doubled.
   */
  static String value(String text) {
    boolean plain = text.equals(text.strip())
        && text.chars().noneMatch(c -> c == ';' || c == '=' || c == '{' || c == '}');
    return plain ? text : "{" + text.replace("}", "}}") + "}";
  }
}
