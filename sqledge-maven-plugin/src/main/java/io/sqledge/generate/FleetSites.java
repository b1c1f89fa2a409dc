package io.sqledge.generate;

import io.sqledge.check.KubernetesNames;
import io.sqledge.config.ClusterConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.write.OutputLayout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a fleet's sites fit together: a site's name means one cluster (one context of one
 * kubeconfig); a fleet over several sites names the site of every instance; each of its site
 * names can name a directory of the output; and the GitOps files, which are the fleet's, are
 * described once. One instance's {@code cluster.*} is checked by {@code check.SiteRules}.
 */
final class FleetSites {

  private FleetSites() {}

  /**
   * Problems when the sites of {@code instances} do not fit together.
   *
   * @param bySite whether the output is by site ({@code OutputLayout.bySite}): each site then
   *     names a directory
   */
  static void check(List<InstanceConfig> instances, boolean bySite, Problems problems) {
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
    gitOps(instances, first.keySet(), problems);
    for (InstanceConfig instance : instances) {
      String site = instance.cluster().site();
      if (site.isEmpty() && first.size() > 1) {
        problems.error(instance.sources().at("name"), "cluster.context", "instance `"
                + instance.name() + "` names no cluster, but the fleet is on several: "
                + String.join(", ", first.keySet().stream().filter(s -> !s.isEmpty()).toList()),
            "set its `cluster.context` (or `cluster.name`), or one in the shared part for the"
                + " instances that name none");
      } else if (bySite && first.get(site) == instance && instance.cluster().name().isEmpty()
          && !site.isEmpty() && KubernetesNames.dns1123Label(site).isPresent()) {
        problems.error(instance.sources().at("cluster.context"), "cluster.name", "the context `"
                + Problem.shorten(site) + "` names a site, and so a directory of the output,"
                + " but it is not a DNS-1123 label", "give the site a `cluster.name`, for"
                + " example `" + Problem.shorten(KubernetesNames.suggest(site)) + "`");
      }
    }
  }

  /**
   * Every instance has the first one's {@code gitops}; no site takes the name of the directory
   * the engines' files are in.
   */
  private static void gitOps(List<InstanceConfig> instances, Set<String> sites,
      Problems problems) {
    InstanceConfig first = instances.get(0);
    for (InstanceConfig instance : instances) {
      if (!instance.gitops().equals(first.gitops())) {
        problems.error(instance.sources().at("gitops"), "gitops", "instance `" + instance.name()
                + "` has other `gitops` settings than `" + first.name() + "`: the GitOps files"
                + " are the fleet's", "set `gitops` in the shared part only");
        return;
      }
    }
    if (first.gitops().enabled() && sites.contains(OutputLayout.GITOPS_DIRECTORY)) {
      InstanceConfig named = instances.stream()
          .filter(i -> i.cluster().site().equals(OutputLayout.GITOPS_DIRECTORY))
          .findFirst().orElse(first);
      problems.error(named.sources().at("cluster"), "cluster.name", "the site `"
              + OutputLayout.GITOPS_DIRECTORY + "` would share its directory with the GitOps"
              + " engines' files", "give the site another `cluster.name`");
    }
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
