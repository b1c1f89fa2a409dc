package io.sqledge.check;

import io.sqledge.config.ClusterConfig;

/**
 * The rules of {@code cluster.*} that one instance decides. Whether a fleet's sites fit together
 * (one cluster per site name) is the fleet's to check. See docs/fleets.md.
 */
final class SiteRules {

  private SiteRules() {}

  static void check(ClusterConfig cluster, Rules rules) {
    if (!cluster.name().isEmpty()) {
      rules.name("cluster.name", cluster.name(), KubernetesNames::dns1123Label,
          "it names the site's directory in the output");
    }
    if (!cluster.kubeconfig().isEmpty() && cluster.kubeconfig().isBlank()) {
      rules.error("cluster.kubeconfig", "`cluster.kubeconfig` is blank",
          "name a kubeconfig file, or leave it out for kubectl's");
    }
  }
}
