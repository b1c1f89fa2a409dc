package io.sqledge.config;

import java.util.List;
import java.util.Map;

/** Pod-level settings. */
public record PodConfig(
    @Key(value = "10001", min = 0, max = Integer.MAX_VALUE, doc = "The group owning the mounted"
        + " volume, so the non-root `mssql` user (uid 10001) can write it.")
    long fsGroup,
    @Key(value = "120", min = 0, doc = "How long SQL Server has to shut down cleanly (checkpoint,"
        + " close its files) before it is killed.")
    long terminationGracePeriodSeconds,
    @Key(value = "{}", doc = "Annotations of the pod template (for example a backup or"
        + " monitoring agent's).")
    Map<String, String> annotations,
    @Key(value = "{}", doc = "Node labels the pod must run on, such as `kubernetes.io/os:"
        + " linux`. For Microsoft's images `kubernetes.io/arch: amd64` is added: they exist for"
        + " amd64 only.")
    Map<String, String> nodeSelector,
    @Key(value = "{}", doc = "A Kubernetes `affinity`, written as in a pod spec; passed as it is"
        + " and validated against the API schema.")
    Object affinity,
    @Key(value = "[]", doc = "Further tolerations, written as in a pod spec, after the two"
        + " failover ones.")
    Object tolerations,
    @Key(value = "", doc = "The pod's PriorityClass, so that the database is not preempted by"
        + " less important pods.")
    String priorityClassName,
    @Key(value = "[]", doc = "Names of Secrets with credentials for a private registry.")
    List<String> imagePullSecrets) {}
