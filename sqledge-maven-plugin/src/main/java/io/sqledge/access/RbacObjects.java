package io.sqledge.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The RBAC objects that give a subject the rules of {@link GoalAccess}, and nothing more: a Role
 * and a RoleBinding in each namespace the instances use, and a ClusterRole and a
 * ClusterRoleBinding only when some rule is the cluster's.
 */
public final class RbacObjects {

  /** One object and the file it goes to. */
  public record RbacFile(String file, Map<String, Object> document) {}

  private RbacObjects() {}

  /**
   * The objects, named {@code name}, for {@code subject}; a Role per namespace of {@code
   * namespaces} (empty: the namespace kubectl applies it to), in the given order.
   */
  public static List<RbacFile> of(String name, RbacSubject subject, SortedSet<String> namespaces,
      List<AccessRule> rules) {
    List<AccessRule> cluster = rules.stream().filter(AccessRule::clusterWide).toList();
    List<AccessRule> namespaced = rules.stream().filter(rule -> !rule.clusterWide()).toList();
    List<RbacFile> files = new ArrayList<>();
    if (!cluster.isEmpty()) {
      files.add(new RbacFile("clusterrole.yaml", role("ClusterRole", name, "", cluster)));
      files.add(new RbacFile("clusterrolebinding.yaml",
          binding("ClusterRoleBinding", "ClusterRole", name, "", subject)));
    }
    if (!namespaced.isEmpty()) {
      for (String namespace : namespaces) {
        String suffix = namespace.isEmpty() ? "" : "-" + namespace;
        files.add(new RbacFile("role" + suffix + ".yaml",
            role("Role", name, namespace, namespaced)));
        files.add(new RbacFile("rolebinding" + suffix + ".yaml",
            binding("RoleBinding", "Role", name, namespace, subject)));
      }
    }
    return files;
  }

  private static Map<String, Object> role(String kind, String name, String namespace,
      List<AccessRule> rules) {
    Map<String, Object> role = object(kind, name, namespace);
    List<Map<String, Object>> written = new ArrayList<>();
    for (AccessRule rule : rules) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("apiGroups", List.of(rule.apiGroup()));
      entry.put("resources", List.of(rule.resource()));
      entry.put("verbs", List.copyOf(rule.verbs()));
      written.add(entry);
    }
    role.put("rules", written);
    return role;
  }

  private static Map<String, Object> binding(String kind, String roleKind, String name,
      String namespace, RbacSubject subject) {
    Map<String, Object> binding = object(kind, name, namespace);
    binding.put("roleRef", Map.of("apiGroup", RbacSubject.RBAC_GROUP, "kind", roleKind,
        "name", name));
    binding.put("subjects", List.of(subject.asBindingSubject()));
    return binding;
  }

  private static Map<String, Object> object(String kind, String name, String namespace) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "sqledge-maven-plugin"));
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", RbacSubject.RBAC_GROUP + "/v1");
    object.put("kind", kind);
    object.put("metadata", metadata);
    return object;
  }
}
