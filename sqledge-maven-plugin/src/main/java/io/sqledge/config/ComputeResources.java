package io.sqledge.config;

/** An amount of CPU and memory: the requests or the limits of the database container. */
public record ComputeResources(
    @Key(value = "1", doc = "CPU, a Kubernetes quantity (`1`, `500m`).")
    String cpu,
    @Key(value = "2Gi", doc = "Memory, a Kubernetes quantity (`2Gi`, `4096Mi`).")
    String memory) {}
