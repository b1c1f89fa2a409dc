package io.sqledge.config;

/** An amount of CPU, memory and local disk: the requests or the limits of the database container. */
public record ComputeResources(
    @Key(value = "1", doc = "CPU, a Kubernetes quantity (`1`, `500m`).")
    String cpu,
    @Key(value = "2Gi", doc = "Memory, a Kubernetes quantity (`2Gi`, `4096Mi`).")
    String memory,
    @Key(value = "256Mi", doc = "Local disk outside the volumes, a Kubernetes quantity: what the"
        + " kubelet counts against the pod is the container's writable layer and its log files"
        + " (SQL Server's data, transaction logs, error log and dumps are all on the claim).")
    String ephemeralStorage) {}
