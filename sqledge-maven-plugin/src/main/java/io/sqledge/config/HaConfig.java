package io.sqledge.config;

/**
 * High-availability settings.
 *
 * @param workload {@code Deployment} (with a separate claim) or {@code StatefulSet} (with a
 *     volumeClaimTemplate and a headless Service)
 * @param failoverSeconds how long the pod stays bound to a node that is not ready or unreachable
 *     before Kubernetes evicts it and starts a replacement elsewhere (Kubernetes' default is 300)
 */
public record HaConfig(String workload, long failoverSeconds) {}
