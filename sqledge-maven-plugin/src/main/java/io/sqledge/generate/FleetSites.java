package io.sqledge.generate;

import io.sqledge.check.KubernetesNames;
import io.sqledge.config.ClusterConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a fleet's sites fit together: a site's name means one cluster (one context of one
 * kubeconfig); a fleet over several sites names the site of every instance; and each of its site
 * names can name a directory of the output. One instance's {@code cluster.*} is checked by {@code
 * check.SiteRules}.
 */
final class FleetSites {

  private FleetSites() {}

  /** The sites of {@code instances} in order of first use; problems when they do not fit. */
  static List<String> check(List<InstanceConfig> instances, Problems problems) {
    Map<String, InstanceConfig> first = new LinkedHashMap<>();
    for (InstanceConfig instance : instances) {
      ClusterConfig cluster = instance.cluster();
      InstanceConfig other = first.putIfAbsent(cluster.site(), instance);
      if (other != null && !sameCluster(other.cluster(), cluster)) {
        String site = cluster.site().isEmpty() ? "no site" : "site `" + cluster.site() + "`";
        problems.error(instance.sources().at(path(cluster)), path(cluster), "instances `"
                + other.name() + "` and `" + instance.name() + "` are on " + site + ", but on"
                + " different clusters (" + describe(other.cluster()) + "; " + describe(cluster)
                + ")", "give each cluster a `cluster.name` of its own");
      }
    }
    if (first.size() > 1) {
      for (InstanceConfig instance : instances) {
        String site = instance.cluster().site();
        if (site.isEmpty()) {
          problems.error(instance.sources().at("name"), "cluster.context", "instance `"
                  + instance.name() + "` names no cluster, but the fleet is on several: "
                  + String.join(", ", first.keySet().stream().filter(s -> !s.isEmpty()).toList()),
              "set its `cluster.context` (or `cluster.name`), or one in the shared part for the"
                  + " instances that name none");
        } else if (first.get(site) == instance && instance.cluster().name().isEmpty()
            && KubernetesNames.dns1123Label(site).isPresent()) {
          problems.error(instance.sources().at("cluster.context"), "cluster.name", "the context `"
                  + site + "` names a site of the fleet, and so a directory of the output, but it"
                  + " is not a DNS-1123 label", "give the site a `cluster.name`, for example `"
                  + KubernetesNames.suggest(site) + "`");
        }
      }
    }
    return List.copyOf(first.keySet());
  }

  private static boolean sameCluster(ClusterConfig a, ClusterConfig b) {
    return a.context().equals(b.context())
        && Objects.equals(normalized(a.kubeconfig()), normalized(b.kubeconfig()));
  }

  private static Path normalized(String kubeconfig) {
    return kubeconfig.isEmpty() ? null : Path.of(kubeconfig).normalize();
  }

  /** The key that puts an instance on its site: where an error about it points. */
  private static String path(ClusterConfig cluster) {
    return !cluster.context().isEmpty() ? "cluster.context"
        : !cluster.kubeconfig().isEmpty() ? "cluster.kubeconfig" : "cluster.name";
  }

  private static String describe(ClusterConfig cluster) {
    return (cluster.context().isEmpty() ? "the current context" : "context `" + cluster.context()
        + "`") + (cluster.kubeconfig().isEmpty() ? "" : " of " + cluster.kubeconfig());
  }
}
