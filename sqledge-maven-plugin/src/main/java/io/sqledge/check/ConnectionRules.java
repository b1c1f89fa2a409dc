package io.sqledge.check;

import io.sqledge.config.ConnectionConfig;
import io.sqledge.diagnostic.Problem;

/** The connection handed to clients: a database name SQL Server can hold, options that agree. */
final class ConnectionRules {

  private ConnectionRules() {}

  /** SQL Server's identifiers (sysname) hold at most 128 characters. */
  static final int DATABASE_NAME_MAX = 128;

  static void check(ConnectionConfig connection, Rules rules) {
    int length = connection.database().codePointCount(0, connection.database().length());
    if (length > DATABASE_NAME_MAX) {
      rules.error("connection.database", "`connection.database` `"
          + Problem.shorten(connection.database()) + "` has " + length + " characters, but a"
          + " SQL Server database name has at most " + DATABASE_NAME_MAX, "use a shorter name");
    }
    if (connection.encrypt().equals("strict") && connection.trustServerCertificate()) {
      rules.warning("connection.trustServerCertificate", "with `connection.encrypt: strict` the"
              + " driver always validates the server's certificate and ignores"
              + " `trustServerCertificate: true`", "give SQL Server a certificate the clients"
              + " trust and set `connection.trustServerCertificate: false`, or use `encrypt: true`");
    }
  }
}
