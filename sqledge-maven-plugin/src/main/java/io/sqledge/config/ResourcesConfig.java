package io.sqledge.config;

/** CPU, memory and local disk of the database container, as Kubernetes quantities. */
public record ResourcesConfig(
    @Key(value = "{cpu: \"1\", memory: \"\", ephemeralStorage: 256Mi}",
        doc = "What the scheduler reserves for the container; SQL Server needs at least `2Gi` of memory. An empty memory request (the"
        + " default) is the memory limit: SQL Server grows its buffer pool up to"
        + " `engine.memoryLimitMb`, so a pod that requests less runs above its request and is"
        + " among the first evicted when its node runs short of memory. A request below the limit"
        + " is a warning.")
    ComputeResources requests,
    @Key(value = "{cpu: \"2\", memory: 4Gi, ephemeralStorage: 2Gi}",
        doc = "What the container may use (Microsoft's examples give SQL Server 2 CPUs); memory"
            + " at least `2Gi` and not below the request. SQL Server is told to stay below the"
            + " memory limit (`engine.memoryLimitMb`). Past its local-disk limit the kubelet"
            + " evicts the pod; `2Gi` is far above the rotated logs (50 MiB with the kubelet's"
            + " defaults) and the little SQL Server writes outside `/var/opt/mssql`.")
    ComputeResources limits) {}
