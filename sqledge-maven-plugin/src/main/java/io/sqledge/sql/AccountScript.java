package io.sqledge.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The T-SQL that makes the declared databases and logins, or brings them back to the
 * declaration: it creates what is missing and alters what drifted, and running it twice changes
 * nothing the second time. It never drops a database, a login, a user or a role; what exists but
 * is not declared is reported. Every change, and every finding, is a line of its output that
 * starts with {@link #REPORTED}.
 *
 * <p>Statements, as Microsoft's reference pages give them: CREATE LOGIN and ALTER LOGIN (a
 * password is a literal only, so the job puts it in, {@link #passwordToken}), PWDCOMPARE (a
 * password that drifted is set again, one that did not is left alone), CREATE DATABASE … COLLATE,
 * ALTER DATABASE … SET RECOVERY, ALTER AUTHORIZATION ON DATABASE, CREATE USER … FOR LOGIN,
 * CREATE ROLE, ALTER ROLE and ALTER SERVER ROLE … ADD/DROP MEMBER, IS_ROLEMEMBER and
 * IS_SRVROLEMEMBER. Names are quoted and texts escaped by {@link Tsql}.
 */
public final class AccountScript {

  /** How each line of the script's own output starts (the job's log, read by apply). */
  public static final String REPORTED = "sqledge: ";

  /** A database as the script makes it; empty texts leave a setting to SQL Server. */
  public record Database(String name, String owner, String collation, String recoveryModel,
      List<String> roles) {}

  /**
   * A login as the script makes it.
   *
   * @param password the token the job replaces with its password ({@link #passwordToken})
   * @param roles its roles per database it may use (an empty list: the database's {@code
   *     public} role only)
   * @param serverRoles the fixed server roles it holds
   */
  public record Login(String name, String password, String defaultDatabase,
      Map<String, List<String>> roles, List<String> serverRoles) {}

  private AccountScript() {}

  /**
   * The token that stands for the password of the {@code index}th login, inside a literal, until
   * the job puts the password from its Secret there (quotes doubled): {@code
   * {{SQLEDGE_PASSWORD_0}}}, with the braces so that no token is the start of another.
   */
  public static String passwordToken(int index) {
    return "{{SQLEDGE_PASSWORD_" + index + "}}";
  }

  /** The script for these databases and logins. */
  public static String of(List<Database> databases, List<Login> logins) {
    List<String> lines = new ArrayList<>();
    lines.add("-- sqledge-maven-plugin: the declared databases and logins, made or brought back"
        + " to the declaration.");
    lines.add("-- Nothing is dropped. See docs/databases-and-logins.md.");
    lines.add("SET NOCOUNT ON;");
    lines.add("GO");
    for (Login login : logins) {
      login(login, lines);
    }
    for (Database database : databases) {
      database(database, lines);
    }
    for (Database database : databases) {
      users(database, logins, lines);
    }
    lines.add("USE [master];");
    for (Login login : logins) {
      defaultDatabase(login, lines);
    }
    lines.add("GO");
    undeclared(databases, logins, lines);
    lines.add("PRINT " + Tsql.literal(REPORTED + "databases and logins checked") + ";");
    lines.add("GO");
    lines.add("");
    return String.join("\n", lines);
  }

  private static void login(Login login, List<String> lines) {
    String name = Tsql.literal(login.name());
    String quoted = Tsql.quoteName(login.name());
    String password = "N'" + login.password() + "'";
    lines.add("IF SUSER_ID(" + name + ") IS NULL");
    lines.add("BEGIN");
    lines.add("  CREATE LOGIN " + quoted + " WITH PASSWORD = " + password
        + ", CHECK_POLICY = ON, CHECK_EXPIRATION = OFF;");
    lines.add("  " + print("created login " + login.name()));
    lines.add("END");
    lines.add("ELSE IF NOT EXISTS (SELECT 1 FROM sys.sql_logins WHERE name = " + name
        + " AND PWDCOMPARE(" + password + ", password_hash) = 1)");
    lines.add("BEGIN");
    lines.add("  ALTER LOGIN " + quoted + " WITH PASSWORD = " + password + ";");
    lines.add("  " + print("changed the password of login " + login.name()));
    lines.add("END");
    for (String role : Principals.FIXED_SERVER_ROLES) {
      boolean wanted = login.serverRoles().stream().anyMatch(role::equalsIgnoreCase);
      lines.add("IF IS_SRVROLEMEMBER(" + Tsql.literal(role) + ", " + name + ") = "
          + (wanted ? "0" : "1"));
      lines.add("BEGIN");
      lines.add("  ALTER SERVER ROLE " + Tsql.quoteName(role) + (wanted ? " ADD" : " DROP")
          + " MEMBER " + quoted + ";");
      lines.add("  " + print((wanted ? "added login " : "removed login ") + login.name()
          + (wanted ? " to" : " from") + " server role " + role));
      lines.add("END");
    }
    lines.add("GO");
  }

  private static void database(Database database, List<String> lines) {
    String name = Tsql.literal(database.name());
    String quoted = Tsql.quoteName(database.name());
    lines.add("IF DB_ID(" + name + ") IS NULL");
    lines.add("BEGIN");
    lines.add("  CREATE DATABASE " + quoted + (database.collation().isEmpty() ? ""
        : " COLLATE " + collation(database.collation())) + ";");
    lines.add("  " + print("created database " + database.name()));
    lines.add("END");
    lines.add("GO");
    String recovery = database.recoveryModel().toUpperCase(Locale.ROOT);
    if (!recovery.isEmpty()) {
      lines.add("IF EXISTS (SELECT 1 FROM sys.databases WHERE name = " + name
          + " AND recovery_model_desc <> " + Tsql.literal(recovery) + ")");
      lines.add("BEGIN");
      lines.add("  ALTER DATABASE " + quoted + " SET RECOVERY " + recovery + ";");
      lines.add("  " + print("set the recovery model of database " + database.name() + " to "
          + recovery));
      lines.add("END");
    }
    if (!database.collation().isEmpty()) {
      lines.add("IF EXISTS (SELECT 1 FROM sys.databases WHERE name = " + name
          + " AND collation_name <> " + Tsql.literal(database.collation()) + ")");
      lines.add("  " + print("warning: database " + database.name() + " has another collation"
          + " than " + database.collation() + "; a database's collation is not changed"));
    }
    if (!database.owner().isEmpty()) {
      lines.add("IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = " + name
          + " AND owner_sid = SUSER_SID(" + Tsql.literal(database.owner()) + "))");
      lines.add("BEGIN");
      lines.add("  ALTER AUTHORIZATION ON DATABASE::" + quoted + " TO "
          + Tsql.quoteName(database.owner()) + ";");
      lines.add("  " + print("database " + database.name() + " is now owned by "
          + database.owner()));
      lines.add("END");
    }
    lines.add("GO");
  }

  /**
   * In one database: the roles it defines, a user for each login that may use it, and each
   * login's memberships of the fixed and the declared roles, added or removed as declared. A
   * login that owns the database is its {@code dbo} and gets no user.
   */
  private static void users(Database database, List<Login> logins, List<String> lines) {
    lines.add("USE " + Tsql.quoteName(database.name()) + ";");
    lines.add("DECLARE @renamed nvarchar(2048);");
    for (String role : database.roles()) {
      lines.add("IF DATABASE_PRINCIPAL_ID(" + Tsql.literal(role) + ") IS NULL");
      lines.add("BEGIN");
      lines.add("  CREATE ROLE " + Tsql.quoteName(role) + ";");
      lines.add("  " + print("created role " + role + " in database " + database.name()));
      lines.add("END");
    }
    List<String> roles = new ArrayList<>(Principals.FIXED_DATABASE_ROLES);
    roles.addAll(database.roles());
    for (Login login : logins) {
      if (login.name().equalsIgnoreCase(database.owner())) {
        continue;
      }
      List<String> granted = grantedIn(login, database.name());
      String name = Tsql.literal(login.name());
      String quoted = Tsql.quoteName(login.name());
      String user = "(SELECT name FROM sys.database_principals WHERE sid = SUSER_SID(" + name
          + "))";
      lines.add("IF EXISTS (SELECT 1 FROM sys.database_principals WHERE sid = SUSER_SID("
          + name + ") AND name <> " + name + ")");
      // THROW takes a constant or a variable as its message, not an expression.
      lines.add("BEGIN");
      lines.add("  SET @renamed = " + Tsql.literal(REPORTED + "login "
          + login.name() + " is a user of another name in database " + database.name()
          + ": rename that user to " + login.name()) + ";");
      lines.add("  THROW 50000, @renamed, 1;");
      lines.add("END");
      if (granted != null) {
        lines.add("IF " + user + " IS NULL");
        lines.add("BEGIN");
        lines.add("  CREATE USER " + quoted + " FOR LOGIN " + quoted + ";");
        lines.add("  " + print("created user " + login.name() + " in database "
            + database.name()));
        lines.add("END");
      }
      for (String role : roles) {
        boolean wanted = granted != null && granted.stream().anyMatch(role::equalsIgnoreCase);
        // IS_ROLEMEMBER is NULL for a user that does not exist: nothing to add to or remove.
        lines.add("IF IS_ROLEMEMBER(" + Tsql.literal(role) + ", " + name + ") = "
            + (wanted ? "0" : "1"));
        lines.add("BEGIN");
        lines.add("  ALTER ROLE " + Tsql.quoteName(role) + (wanted ? " ADD" : " DROP")
            + " MEMBER " + quoted + ";");
        lines.add("  " + print((wanted ? "added " : "removed ") + login.name()
            + (wanted ? " to" : " from") + " role " + role + " in database " + database.name()));
        lines.add("END");
      }
    }
    lines.add("GO");
  }

  /** The roles {@code login} holds in {@code database}; null when it may not use it. */
  private static List<String> grantedIn(Login login, String database) {
    return login.roles().entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(database))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static void defaultDatabase(Login login, List<String> lines) {
    String database = login.defaultDatabase().isEmpty() ? "master" : login.defaultDatabase();
    lines.add("IF EXISTS (SELECT 1 FROM sys.server_principals WHERE name = "
        + Tsql.literal(login.name()) + " AND default_database_name <> " + Tsql.literal(database)
        + ")");
    lines.add("BEGIN");
    lines.add("  ALTER LOGIN " + Tsql.quoteName(login.name()) + " WITH DEFAULT_DATABASE = "
        + Tsql.quoteName(database) + ";");
    lines.add("  " + print("set the default database of login " + login.name() + " to "
        + database));
    lines.add("END");
  }

  /**
   * The user databases and SQL logins that exist but are not declared (not {@code sa}, principal
   * 1, nor the certificate-based {@code ##…##} logins), one line each: removing a database from
   * the configuration never drops it, and the status goal lists these lines.
   */
  private static void undeclared(List<Database> databases, List<Login> logins,
      List<String> lines) {
    lines.add("DECLARE @name sysname;");
    lines.add("DECLARE undeclared CURSOR LOCAL FAST_FORWARD FOR");
    lines.add("  SELECT N'database ' + name FROM sys.databases WHERE database_id > 4"
        + notIn(databases.stream().map(Database::name).toList()));
    lines.add("  UNION ALL SELECT N'login ' + name FROM sys.sql_logins WHERE principal_id <> 1"
        + " AND name NOT LIKE N'##%'" + notIn(logins.stream().map(Login::name).toList()) + ";");
    lines.add("OPEN undeclared;");
    lines.add("FETCH NEXT FROM undeclared INTO @name;");
    lines.add("WHILE @@FETCH_STATUS = 0");
    lines.add("BEGIN");
    lines.add("  PRINT " + Tsql.literal(REPORTED + UNDECLARED) + " + @name;");
    lines.add("  FETCH NEXT FROM undeclared INTO @name;");
    lines.add("END");
    lines.add("CLOSE undeclared;");
    lines.add("DEALLOCATE undeclared;");
  }

  /** How a line that reports an undeclared database or login continues after {@link #REPORTED}. */
  public static final String UNDECLARED = "exists but is not declared: ";

  private static String notIn(List<String> names) {
    return names.isEmpty() ? "" : " AND name NOT IN (" + String.join(", ",
        names.stream().map(Tsql::literal).toList()) + ")";
  }

  private static String print(String message) {
    return "PRINT " + Tsql.literal(REPORTED + message) + ";";
  }

  /**
   * A collation name: a bare word as COLLATE takes it ("COLLATE (Transact-SQL)": the name, not
   * a string). The checks admit only names of SQL Server's list, which are letters, digits and
   * {@code _}; anything else would not reach here.
   */
  private static String collation(String name) {
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("a collation name is letters, digits and _");
    }
    return name;
  }
}
