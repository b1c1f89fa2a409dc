package io.sqledge.config;

/** CPU and memory of the database container, as Kubernetes quantities. */
public record ResourcesConfig(
    @Key(value = "{cpu: \"1\", memory: \"\"}", doc = "What the scheduler reserves for the"
        + " container; SQL Server needs at least `2Gi` of memory. An empty memory request (the"
        + " default) is the memory limit: SQL Server grows its buffer pool up to"
        + " `engine.memoryLimitMb`, so a pod that requests less runs above its request and is"
        + " among the first evicted when its node runs short of memory. A request below the limit"
        + " is a warning.")
    ComputeResources requests,
    @Key(value = "{cpu: \"2\", memory: 4Gi}", doc = "What the container may use (Microsoft's"
        + " examples give SQL Server 2 CPUs); memory at least `2Gi` and not below the request."
        + " SQL Server is told to stay below the memory limit (`engine.memoryLimitMb`).")
    ComputeResources limits) {}
