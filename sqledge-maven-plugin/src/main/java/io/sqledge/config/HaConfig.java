package io.sqledge.config;

/** High-availability settings. */
public record HaConfig(
    @Key(value = "Deployment", oneOf = {"Deployment", "StatefulSet"}, doc = "`Deployment` (with a"
        + " separate PersistentVolumeClaim, strategy Recreate) or `StatefulSet` (with a"
        + " volumeClaimTemplate, kept when the StatefulSet is deleted, and a headless Service"
        + " `<name>-headless`). See [High availability](high-availability.md).")
    String workload,
    @Key(value = "30", min = 0, max = 3600, doc = "How long a pod stays on a node that is not"
        + " ready or unreachable before it is evicted and replaced elsewhere (Kubernetes'"
        + " default: 300). See [High availability](high-availability.md).")
    long failoverSeconds) {}
