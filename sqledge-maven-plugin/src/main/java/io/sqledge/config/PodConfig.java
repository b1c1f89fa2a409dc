package io.sqledge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod-level settings.
 *
 * @param fsGroup the group that owns the mounted volume, so the non-root {@code mssql} user (uid
 *     10001) can write its files
 * @param terminationGracePeriodSeconds how long SQL Server has to shut down cleanly (checkpoint,
 *     close the files) before it is killed
 * @param annotations annotations of the pod template
 * @param nodeSelector node labels the pod must run on
 * @param affinity a Kubernetes affinity, passed as it is
 * @param tolerations further tolerations (Kubernetes objects), after the failover ones
 * @param priorityClassName the pod's PriorityClass; empty for none
 * @param imagePullSecrets Secrets with registry credentials for the image
 */
public record PodConfig(
    long fsGroup,
    long terminationGracePeriodSeconds,
    Map<String, String> annotations,
    Map<String, String> nodeSelector,
    Object affinity,
    Object tolerations,
    String priorityClassName,
    List<String> imagePullSecrets) {

  public PodConfig {
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
    imagePullSecrets = List.copyOf(imagePullSecrets);
  }
}
