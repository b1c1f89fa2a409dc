package io.sqledge.config;

import java.util.List;

/**
 * A database the instance has: created when missing, never dropped. See
 * docs/databases-and-logins.md.
 */
public record DatabaseConfig(
    @Key(value = "", doc = "The database's name, as SQL Server checks it: at most 123"
        + " characters, letters, digits and `_ - . @ $ #`, starting with a letter or `_`; not a"
        + " system database (`master`, `model`, `msdb`, `tempdb`).")
    String name,
    @Key(value = "", doc = "The login that owns the database (its `dbo`): one of `logins`, or"
        + " a name of its own, which makes a login of that name with a generated password."
        + " Empty: `sa`.")
    String owner,
    @Key(value = "", doc = "The database's collation, from the same list as `engine.collation`."
        + " Empty: the server's. Set only when the database is created: a database that exists"
        + " with another collation is reported, not changed.")
    String collation,
    @Key(value = "", oneOf = {"", "FULL", "SIMPLE"}, doc = "The database's recovery model."
        + " Empty: `engine.recoveryModel`. `FULL` keeps the log until it is backed up;"
        + " `SIMPLE` allows no log backups.")
    String recoveryModel,
    @Key(value = "[]", doc = "Roles the database defines, made when missing, which"
        + " `logins[].roles` may then grant. Their permissions are the application's to grant.")
    List<String> roles) {}
