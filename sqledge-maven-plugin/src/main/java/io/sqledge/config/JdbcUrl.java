package io.sqledge.config;

/**
 * The Microsoft JDBC driver's connection URL of a database at {@code host:port}, with the options
 * of {@link ConnectionConfig}: {@code jdbc:sqlserver://host:port;databaseName=…;encrypt=…;
 * trustServerCertificate=…}. Never a user or a password: those belong in the driver's properties.
 */
public final class JdbcUrl {

  private JdbcUrl() {}

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
