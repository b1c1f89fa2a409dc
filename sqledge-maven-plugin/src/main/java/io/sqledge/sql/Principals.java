package io.sqledge.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What SQL Server says about the names of databases, logins and roles, in one place: the rules
 * and the configuration's checks read it, the scripts quote what passes it.
 *
 * <p>Sources: "CREATE DATABASE (Transact-SQL)" (a name of at most 128 characters, 123 when SQL
 * Server names the log file after it, as it does here), "Database identifiers", "Server-level
 * roles" and "Database-level roles" (the fixed roles), "Principals (Database Engine)" (the names
 * SQL Server keeps: {@code sa}, {@code dbo}, {@code guest}, {@code INFORMATION_SCHEMA}, {@code
 * sys}, {@code public}, and the certificate-based logins {@code ##…##}).
 */
public final class Principals {

  /** The longest database name when SQL Server names the log file after it. */
  public static final int MAX_DATABASE_NAME = 123;

  /** The system databases, which a configuration may not declare. */
  public static final List<String> SYSTEM_DATABASES = List.of("master", "model", "msdb",
      "tempdb");

  /** The fixed database roles, in the order "Database-level roles" lists them. */
  public static final List<String> FIXED_DATABASE_ROLES = List.of("db_owner",
      "db_securityadmin", "db_accessadmin", "db_backupoperator", "db_ddladmin", "db_datawriter",
      "db_datareader", "db_denydatawriter", "db_denydatareader");

  /** The fixed server roles that SQL Server 2019 and later and Azure SQL Edge share. */
  public static final List<String> FIXED_SERVER_ROLES = List.of("sysadmin", "serveradmin",
      "securityadmin", "processadmin", "setupadmin", "bulkadmin", "diskadmin", "dbcreator");

  /** Names a login, user or role of ours may not take, in lower case. */
  private static final Set<String> KEPT = Set.of("sa", "dbo", "guest", "information_schema",
      "sys", "public");

  /**
   * The names this plugin makes: a letter (or {@code _} for a database or role) first, then
   * letters, digits and a few marks. SQL Server takes more between brackets; these are also
   * safe in a Secret's name, a file name and a JDBC URL.
   */
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@$#-]*");
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private Principals() {}

  /** Why {@code name} cannot be a database of ours; empty when it can. */
  public static Optional<String> databaseProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > MAX_DATABASE_NAME) {
      return Optional.of("has " + name.length() + " characters, but a database name has at"
          + " most " + MAX_DATABASE_NAME);
    }
    if (!DATABASE.matcher(name).matches()) {
      return Optional.of("must start with a letter or `_` and hold only letters, digits and"
          + " `_ . @ $ # -`");
    }
    if (SYSTEM_DATABASES.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("is a system database");
    }
    return Optional.empty();
  }

  /** Why {@code name} cannot be a login (and user) of ours; empty when it can. */
  public static Optional<String> loginProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > Tsql.MAX_NAME_LENGTH) {
      return Optional.of("has " + name.length() + " characters, but a login name has at most "
          + Tsql.MAX_NAME_LENGTH);
    }
    if (!LOGIN.matcher(name).matches()) {
      return Optional.of("must start with a letter and hold only letters, digits and `_ . -`");
    }
    return kept(name);
  }

  /** Why {@code name} cannot be a role a database of ours defines; empty when it can. */
  public static Optional<String> roleProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > Tsql.MAX_NAME_LENGTH) {
      return Optional.of("has " + name.length() + " characters, but a role name has at most "
          + Tsql.MAX_NAME_LENGTH);
    }
    if (!DATABASE.matcher(name).matches()) {
      return Optional.of("must start with a letter or `_` and hold only letters, digits and"
          + " `_ . @ $ # -`");
    }
    if (FIXED_DATABASE_ROLES.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("is a fixed database role, which every database has");
    }
    return kept(name);
  }

  private static Optional<String> kept(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (KEPT.contains(lower)) {
      return Optional.of("is a name SQL Server keeps for itself");
    }
    if (FIXED_SERVER_ROLES.contains(lower)) {
      return Optional.of("is a fixed server role");
    }
    return Optional.empty();
  }
}
