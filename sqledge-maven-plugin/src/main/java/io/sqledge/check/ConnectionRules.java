package io.sqledge.check;

import io.sqledge.config.ConnectionConfig;
import io.sqledge.diagnostic.Problem;

/** The connection handed to clients: a database name SQL Server can hold, options that agree. */
final class ConnectionRules {

  private ConnectionRules() {}

  /**
   * SQL Server's identifiers are sysname, nvarchar(128): 128 UTF-16 code units, so a character
   * outside the Basic Multilingual Plane (an emoji) takes two.
   */
  static final int DATABASE_NAME_MAX = 128;

  static void check(ConnectionConfig connection, Rules rules) {
    String database = connection.database();
    // Java's length is the number of UTF-16 code units, as nvarchar counts them.
    if (database.length() > DATABASE_NAME_MAX) {
      int characters = database.codePointCount(0, database.length());
      rules.error("connection.database", "`connection.database` `" + Problem.shorten(database)
          + "` takes " + database.length() + " UTF-16 code units" + (characters == database
          .length() ? "" : " (" + characters + " characters: those beyond U+FFFF, such as"
          + " emoji, take two)") + ", but a SQL Server database name (sysname) holds at most "
          + DATABASE_NAME_MAX, "use a shorter name");
    }
    if (connection.encrypt().equals("strict") && connection.trustServerCertificate()) {
      rules.warning("connection.trustServerCertificate", "with `connection.encrypt: strict` the"
              + " driver always validates the server's certificate and ignores"
              + " `trustServerCertificate: true`", "give SQL Server a certificate the clients"
              + " trust and set `connection.trustServerCertificate: false`, or use `encrypt: true`");
    }
  }
}
