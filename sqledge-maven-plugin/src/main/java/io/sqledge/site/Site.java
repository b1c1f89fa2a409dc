package io.sqledge.site;

import io.sqledge.apply.ClusterSettings;
import io.sqledge.config.InstanceConfig;
import java.util.List;
import java.util.Objects;

/**
 * One site of a run: a cluster, how to reach it, and the instances on it, in configuration order.
 * A goal connects to a site once and works on all of its instances with that connection.
 *
 * @param name the site's name ({@code cluster.name}, else its context, else {@code default}:
 *     {@code ClusterConfig.siteName})
 */
public record Site(String name, ClusterSettings cluster, List<InstanceConfig> instances) {

  public Site {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    instances = List.copyOf(instances);
  }
}
