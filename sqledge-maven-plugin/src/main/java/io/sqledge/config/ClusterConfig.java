package io.sqledge.config;

/**
 * Which cluster an instance lives on: its site. A fleet over several clusters (a store, a
 * factory, a ship each with a small cluster of its own) names one per instance, or one in the
 * shared part that instances override; apply, diff, delete and status then connect once per site.
 */
public record ClusterConfig(
    @Key(value = "", doc = "The site's name: in the goals' per-site report, in"
        + " `-Dsqledge.sites` and as the site's directory in the output. A DNS-1123 label. Empty:"
        + " `cluster.context`. See [Fleets](fleets.md#sites-one-cluster-each).")
    String name,
    @Key(value = "", doc = "The kubeconfig context of the instance's cluster. Empty:"
        + " `-Dsqledge.context`, else the kubeconfig's current context.")
    String context,
    @Key(value = "", doc = "The kubeconfig file of the instance's cluster, relative to the"
        + " project's directory. Empty: `-Dsqledge.kubeconfig`, else `KUBECONFIG`, else"
        + " `~/.kube/config`, else the pod's service account.")
    String kubeconfig) {

  /** The site of instances that name no cluster, where the output needs a name for it. */
  public static final String DEFAULT_SITE = "default";

  /**
   * The site's name: {@code name}, else {@code context}; empty when the instance names no
   * cluster, and goes wherever the goal connects by default.
   */
  public String site() {
    return name.isEmpty() ? context : name;
  }

  /** The site's name where one is needed: {@link #site}, else {@link #DEFAULT_SITE}. */
  public String siteName() {
    String site = site();
    return site.isEmpty() ? DEFAULT_SITE : site;
  }
}
