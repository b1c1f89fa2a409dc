package io.sqledge.config;

/** A key of a Kubernetes Secret: how the SA password reaches the container. */
public record SecretKeyRef(
    @Key(value = "mssql", doc = "The Secret holding the SA password. The password itself never"
        + " appears in the configuration: writing one inline is an error.")
    String secretName,
    @Key(value = "MSSQL_SA_PASSWORD", doc = "The key of that Secret; it reaches the container as"
        + " `MSSQL_SA_PASSWORD` through a `secretKeyRef`.")
    String secretKey) {}
