package io.sqledge.config;

/**
 * The container's probes. The startup probe holds the others back while SQL Server starts or
 * recovers its databases after a crash, which can take minutes; readiness takes the pod out of the
 * Service while the port does not answer; liveness restarts a hung process.
 */
public record ProbesConfig(ProbeConfig startup, ProbeConfig readiness, ProbeConfig liveness) {}
