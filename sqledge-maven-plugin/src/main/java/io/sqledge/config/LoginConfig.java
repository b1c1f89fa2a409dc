package io.sqledge.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SQL Server login, its users in the databases it may use and their roles. Its password lives
 * in a Secret only: {@code passwordSecret}, or {@code <instance>-<login>}, which apply generates
 * once and never overwrites. See docs/databases-and-logins.md.
 */
public record LoginConfig(
    @Key(value = "", doc = "The login's name: at most 128 characters, letters, digits and"
        + " `_ - .`, starting with a letter; not `sa`, a server role or a name SQL Server keeps"
        + " (`dbo`, `guest`, `public`, `sys`, …).")
    String name,
    @Key(value = "", doc = "A Secret of yours whose key `password` holds the login's password;"
        + " apply copies it into `<name>-<login>` and the job changes the login when it"
        + " changed. Empty: apply generates a password once, into `<name>-<login>`.")
    String passwordSecret,
    @Key(value = "{}", doc = "The databases the login may use and its roles in each, as"
        + " `database: role, role`: the fixed roles (`db_owner`, `db_datareader`,"
        + " `db_datawriter`, `db_ddladmin`, …) or one of the database's `roles`. An empty value"
        + " lets it connect with the `public` role only. Roles held but not listed are removed.")
    Map<String, String> roles,
    @Key(value = "", doc = "The database the login connects to when it names none, and the"
        + " `database` of its Secret. Empty: the database it owns, else the first of `roles`,"
        + " else `master`.")
    String defaultDatabase,
    @Key(value = "[]", doc = "Fixed server roles the login holds (`dbcreator`, `processadmin`,"
        + " …). `sysadmin` is refused unless `allowSysadmin` is true.")
    List<String> serverRoles,
    @Key(value = "false", doc = "Lets `serverRoles` hold `sysadmin`, which can do anything on"
        + " the server: a login for people, not for applications.")
    boolean allowSysadmin) {

  /** A login of this name with every other setting its default: a database owner's. */
  static LoginConfig owner(String name) {
    return new LoginConfig(name, "", Map.of(), "", List.of(), false);
  }

  /**
   * The Secret that hands the login to applications: {@code <instance>-<login>}, lower case, with
   * {@code _} and {@code .} as {@code -} (a Secret's name is a DNS subdomain).
   */
  public String secretName(String instance) {
    return instance + "-" + name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
  }

  /** The roles it holds in {@code database}, as listed; empty when it may not use it. */
  public List<String> rolesIn(String database) {
    String listed = roles.get(database);
    return listed == null || listed.isBlank() ? List.of()
        : Arrays.stream(listed.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
  }
}
