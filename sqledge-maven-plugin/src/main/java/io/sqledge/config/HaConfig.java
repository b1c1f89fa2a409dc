package io.sqledge.config;

/**
 * High-availability settings.
 *
 * @param failoverSeconds how long the pod stays bound to a node that is not ready or unreachable
 *     before Kubernetes evicts it and starts a replacement elsewhere (Kubernetes' default is 300)
 */
public record HaConfig(long failoverSeconds) {}
