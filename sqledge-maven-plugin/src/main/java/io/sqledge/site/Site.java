package io.sqledge.site;

import io.sqledge.apply.ClusterSettings;
import io.sqledge.config.ClusterConfig;
import io.sqledge.config.InstanceConfig;
import java.util.List;
import java.util.Objects;

/**
 * One site of a run: a cluster, how to reach it, and the instances on it, in configuration order.
 * A goal connects to a site once and works on all of its instances with that connection.
 *
 * @param name the site's name ({@code cluster.name}, else its context), or {@link #DEFAULT} for a
 *     configuration that names no cluster
 */
public record Site(String name, ClusterSettings cluster, List<InstanceConfig> instances) {

  /** The name of the one site of a configuration that names no cluster. */
  public static final String DEFAULT = ClusterConfig.DEFAULT_SITE;

  public Site {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    instances = List.copyOf(instances);
  }
}
