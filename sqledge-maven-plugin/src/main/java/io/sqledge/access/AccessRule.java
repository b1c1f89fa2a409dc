package io.sqledge.access;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One rule of what a goal needs of a cluster: verbs on a resource of an API group, as RBAC
 * grants them.
 *
 * @param apiGroup the API group; empty for the core group
 * @param resource the resource ({@code deployments}, {@code pods/log})
 * @param clusterWide whether the rule is the cluster's (a cluster-scoped resource, or one read in
 *     every namespace) rather than the instances' namespaces'
 * @param verbs the verbs, in name order
 */
public record AccessRule(String apiGroup, String resource, boolean clusterWide,
    SortedSet<String> verbs) {

  public AccessRule {
    Objects.requireNonNull(apiGroup, "apiGroup");
    Objects.requireNonNull(resource, "resource");
    verbs = Collections.unmodifiableSortedSet(new TreeSet<>(verbs));
  }

  /** Where the rule applies and to what, without the verbs: the key rules merge on. */
  String key() {
    return (clusterWide ? "cluster " : "namespace ") + apiGroup + "/" + resource;
  }
}
