package io.sqledge.config;

/**
 * CPU and memory for the database container, as Kubernetes quantities.
 *
 * @param cpuRequest the CPU the scheduler reserves
 * @param memoryRequest the memory the scheduler reserves
 * @param cpuLimit the CPU the container may use
 * @param memoryLimit the memory the container may use before it is OOM-killed; SQL Server is told
 *     to stay below it ({@code MSSQL_MEMORY_LIMIT_MB})
 */
public record ResourcesConfig(
    String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {}
