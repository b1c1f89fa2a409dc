package io.sqledge.config;

/**
 * How clients connect: the options of the JDBC URL that apply hands to the rest of the build, and
 * whether the cluster gets the in-cluster connection as a ConfigMap.
 */
public record ConnectionConfig(
    @Key(value = "", doc = "The database the JDBC URL names (`databaseName`). Empty: the"
        + " application database, the first of `databases`; with none, the URL names none, so a"
        + " login gets its default database (`master` for `sa`).")
    String database,
    @Key(value = "true", oneOf = {"true", "false", "strict"}, doc = "The JDBC URL's `encrypt`:"
        + " `true` (mssql-jdbc's default since 10.1) encrypts the connection, `strict` uses"
        + " TDS 8 (SQL Server 2022 and later; the certificate is then always validated),"
        + " `false` encrypts only the login.")
    String encrypt,
    @Key(value = "true", doc = "The JDBC URL's `trustServerCertificate`. `true` accepts the"
        + " self-signed certificate SQL Server makes for itself, without which mssql-jdbc 10.1"
        + " and later fail with `PKIX path building failed`; set `false` once the server has a"
        + " certificate the clients trust.")
    boolean trustServerCertificate,
    @Key(value = "false", doc = "Also render a ConfigMap `<name>-connection` with the in-cluster"
        + " `SQLEDGE_HOST`, `SQLEDGE_PORT`, `SQLEDGE_JDBC_URL` and `SQLEDGE_DATABASE` (the"
        + " connection's database, when there is one), for applications to read with"
        + " `envFrom`; never the password. See"
        + " [Connecting](applying.md#connecting-the-address-for-the-rest-of-the-build).")
    boolean configMap) {}
