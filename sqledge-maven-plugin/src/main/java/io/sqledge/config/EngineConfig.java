package io.sqledge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database container and the settings SQL Server reads from its environment.
 *
 * @param image the container image with its tag
 * @param edition {@code MSSQL_PID}: an edition name or a product key
 * @param agentEnabled {@code MSSQL_AGENT_ENABLED}
 * @param collation {@code MSSQL_COLLATION}
 * @param lcid {@code MSSQL_LCID}
 * @param acceptEula {@code ACCEPT_EULA=Y}; the container refuses to start without it
 * @param tcpPort {@code MSSQL_TCP_PORT}: the port SQL Server listens on in the container
 * @param memoryLimitMb {@code MSSQL_MEMORY_LIMIT_MB}; 0 derives it from the memory limit
 * @param env further environment variables, passed as they are
 * @param saPassword where the SA password is kept; never the password itself
 */
public record EngineConfig(
    String image,
    String edition,
    boolean agentEnabled,
    String collation,
    long lcid,
    boolean acceptEula,
    long tcpPort,
    long memoryLimitMb,
    Map<String, String> env,
    SecretKeyRef saPassword) {

  public EngineConfig {
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }
}
