package io.sqledge.access;

import io.sqledge.generate.Generator;
import io.sqledge.write.OutputLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The RBAC objects for the account a pipeline runs the goals as, site by site: each site's rules
 * ({@link GoalAccess}) as a Role per namespace its instances use and, for what is the cluster's, a
 * ClusterRole; under {@code <site>/} when the output is by site, since each cluster gets its own.
 */
public final class PipelineRbac {

  /** One file: its path in the RBAC directory, and the object. */
  public record RbacDocument(String path, Map<String, Object> document) {}

  private PipelineRbac() {}

  public static List<RbacDocument> of(List<Generator.Rendered> instances, RbacSubject subject,
      String name, Set<GoalAccess.Goal> goals) {
    boolean bySite = OutputLayout.bySite(instances.stream().map(Generator.Rendered::config)
        .toList());
    Map<String, List<Generator.Rendered>> sites = new LinkedHashMap<>();
    for (Generator.Rendered instance : instances) {
      sites.computeIfAbsent(bySite ? OutputLayout.siteDirectory(instance.config()) + "/" : "",
          site -> new ArrayList<>()).add(instance);
    }
    List<RbacDocument> documents = new ArrayList<>();
    sites.forEach((root, members) -> {
      SortedSet<String> namespaces = new TreeSet<>();
      members.forEach(instance -> namespaces.add(instance.config().namespace()));
      for (RbacObjects.RbacFile file : RbacObjects.of(name, subject, namespaces,
          GoalAccess.of(members, goals))) {
        documents.add(new RbacDocument(root + file.file(), file.document()));
      }
    });
    return documents;
  }
}
