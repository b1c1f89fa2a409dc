package io.sqledge.maven;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.generate.Generator;
import io.sqledge.site.Site;
import java.util.List;

/**
 * One site's part of a cluster goal: the site's connection, its instances and the log its lines
 * go to (marked with the site's name in a run over several).
 */
record SiteContext(KubernetesClient client, Site site, List<Generator.Rendered> instances,
    MavenApplyLog log) {

  /**
   * "name: " (or "namespace/name: " where a name is in several namespaces) before a line about
   * one instance of several; nothing for a single instance.
   */
  String prefix(Generator.Rendered instance) {
    if (instances.size() == 1) {
      return "";
    }
    String directory = instance.directory();
    // In an output by site the directory starts with the site, which the log line names.
    String root = site.name() + "/";
    return (directory.startsWith(root) ? directory.substring(root.length()) : directory) + ": ";
  }
}
