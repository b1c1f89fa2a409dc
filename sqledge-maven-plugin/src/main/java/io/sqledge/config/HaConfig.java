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
    long failoverSeconds,
    @Key(value = "none", oneOf = {"none", "guard", "medik8s"}, doc = "Who moves the disk off a"
        + " node that died: `none` (a person, with `mvn sqledge:failover`) or `guard` (an"
        + " in-cluster guard `<name>-failover-guard` that puts the out-of-service taint on the"
        + " node once `ha.fencing` confirms it is off). `medik8s` is refused for now. See"
        + " [Automatic failover](automatic-failover.md).")
    String automaticFailover,
    @Key(value = "cloudShutdown", oneOf = {"cloudShutdown", "notReadyFor"}, doc = "What tells"
        + " the guard that a node is really off: `cloudShutdown` (the cloud provider's"
        + " `node.cloudprovider.kubernetes.io/shutdown` taint) or `notReadyFor` (the node"
        + " NotReady for `ha.minimumDownSeconds`; only safe where the storage fences the node"
        + " itself).")
    String fencing,
    @Key(value = "120", min = 10, max = 86400, doc = "With `ha.fencing: notReadyFor`: how long"
        + " the guard must see a node NotReady before it takes it for off.")
    long minimumDownSeconds,
    @Key(value = "docker.io/alpine/kubectl:1.34.2", doc = "The guard's image: it needs"
        + " `/bin/sh` and `kubectl`. See [Automatic failover](automatic-failover.md#the-guards-pod).")
    String guardImage) {

  /** Whether the output carries the failover guard. */
  public boolean guarded() {
    return automaticFailover.equals("guard");
  }
}
