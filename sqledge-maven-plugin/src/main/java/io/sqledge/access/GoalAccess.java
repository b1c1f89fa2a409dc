package io.sqledge.access;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sqledge.generate.Generator;
import io.sqledge.verify.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the goals need of a site's cluster, as RBAC rules: the verbs each goal sends for the
 * resources the site's output has and the features it uses, and nothing else. The calls behind
 * each rule were read from the API server's audit log while the goals ran on the simulated
 * cluster ({@code RbacTest} holds them to it).
 */
public final class GoalAccess {

  /** The goals that talk to a cluster. */
  public enum Goal { APPLY, DIFF, DELETE, STATUS, FAILOVER, BACKUP, RESTORE }

  private static final String CORE = "";
  private static final String BATCH = "batch";
  private static final String STORAGE = "storage.k8s.io";

  private final Map<String, AccessRule> rules = new LinkedHashMap<>();

  private GoalAccess() {}

  /** The rules of {@code goals} on a site whose instances are {@code instances}, merged, sorted. */
  public static List<AccessRule> of(List<Generator.Rendered> instances, Set<Goal> goals) {
    GoalAccess access = new GoalAccess();
    List<Manifest> manifests = instances.stream()
        .flatMap(instance -> instance.manifests().manifests().stream()).toList();
    boolean backups = has(manifests, "CronJob");
    for (Goal goal : goals) {
      switch (goal) {
        case APPLY -> access.apply(manifests);
        // A server-side apply that makes an object is authorized as create too; diff's dry run
        // of a missing object likewise.
        case DIFF -> access.plan(manifests, "get", "patch", "create");
        case DELETE -> access.delete(manifests);
        case STATUS -> access.status(backups);
        case FAILOVER -> {
          access.status(backups);
          access.cluster(CORE, "nodes", "get", "patch");
        }
        case BACKUP -> {
          if (backups) {
            access.runsJobs();
          }
        }
        case RESTORE -> {
          if (backups) {
            access.runsJobs();
            access.namespaced(CORE, "configmaps", "create", "get", "patch");
            // The drill applies a copy of the instance, and removes it.
            access.apply(manifests);
            access.delete(manifests);
          }
        }
        default -> throw new IllegalStateException(goal.toString());
      }
    }
    List<AccessRule> sorted = new ArrayList<>(access.rules.values());
    sorted.sort(Comparator.comparing(AccessRule::clusterWide)
        .thenComparing(AccessRule::apiGroup).thenComparing(AccessRule::resource));
    return List.copyOf(sorted);
  }

  /**
   * apply: the plan's reads and the server-side apply of every object; the SA password and login
   * Secrets; the claim's StorageClass when the output has none (waiting reads whether it binds at
   * once); the accounts job's run; and every right the output's own Roles grant, since RBAC lets
   * an account write a Role only with the rights it grants.
   */
  private void apply(List<Manifest> manifests) {
    plan(manifests, "get", "patch", "create");
    namespaced(CORE, "secrets", "get", "patch", "create");
    if (has(manifests, "PersistentVolumeClaim") && !has(manifests, "StorageClass")) {
      cluster(STORAGE, "storageclasses", "get");
    }
    if (has(manifests, "Job")) {
      watchesJobs();
      // A login's password changed in its Secret: the finished job is removed to run again.
      namespaced(BATCH, "jobs", "delete");
    }
    for (Manifest manifest : manifests) {
      if (manifest.kind().equals("Role") || manifest.kind().equals("ClusterRole")) {
        granted(manifest.document(), manifest.kind().equals("ClusterRole"));
      }
    }
  }

  /** delete: what the plan reads and deletes; the Secret with the data; who else uses a class. */
  private void delete(List<Manifest> manifests) {
    plan(manifests, "get", "delete");
    namespaced(CORE, "secrets", "get", "delete");
    if (has(manifests, "StorageClass")) {
      // A StorageClass is removed only when no other claim in the cluster uses it.
      cluster(CORE, "persistentvolumeclaims", "list");
    }
    if (has(manifests, "StatefulSet")) {
      // The claims its template made, found by label.
      namespaced(CORE, "persistentvolumeclaims", "list", "delete");
    }
  }

  /** status: the pods, their nodes, claims, attachments, events, jobs and the Service. */
  private void status(boolean backups) {
    namespaced(CORE, "pods", "list");
    namespaced(CORE, "pods/log", "get");
    namespaced(CORE, "events", "list");
    namespaced(CORE, "persistentvolumeclaims", "get");
    namespaced(CORE, "services", "get");
    namespaced(BATCH, "jobs", "get", "list");
    if (backups) {
      namespaced(BATCH, "cronjobs", "get");
    }
    cluster(CORE, "nodes", "get");
    cluster(STORAGE, "volumeattachments", "list");
  }

  /** backup and restore: a job from a backup CronJob, watched to its end, its log read. */
  private void runsJobs() {
    namespaced(BATCH, "cronjobs", "get");
    namespaced(BATCH, "jobs", "create");
    watchesJobs();
  }

  private void watchesJobs() {
    namespaced(BATCH, "jobs", "get", "list", "watch");
    namespaced(CORE, "pods", "list");
    namespaced(CORE, "pods/log", "get");
  }

  /** The plan apply, diff and delete share: the namespace, then each object by its name. */
  private void plan(List<Manifest> manifests, String... verbs) {
    namespaced(CORE, "namespaces", "get");
    for (Manifest manifest : manifests) {
      add(group(manifest), plural(manifest), !manifest.namespaced(), verbs);
    }
  }

  /** The rules of a Role or ClusterRole the output has. */
  @SuppressWarnings("unchecked")
  private void granted(Map<String, Object> role, boolean clusterWide) {
    if (!(role.get("rules") instanceof List<?> list)) {
      return;
    }
    for (Object item : list) {
      Map<String, Object> rule = (Map<String, Object>) item;
      List<String> verbs = (List<String>) rule.getOrDefault("verbs", List.of());
      for (String group : (List<String>) rule.getOrDefault("apiGroups", List.of())) {
        for (String resource : (List<String>) rule.getOrDefault("resources", List.of())) {
          add(group, resource, clusterWide, verbs.toArray(String[]::new));
        }
      }
    }
  }

  private void namespaced(String group, String resource, String... verbs) {
    add(group, resource, false, verbs);
  }

  private void cluster(String group, String resource, String... verbs) {
    add(group, resource, true, verbs);
  }

  private void add(String group, String resource, boolean clusterWide, String... verbs) {
    AccessRule rule = new AccessRule(group, resource, clusterWide, new TreeSet<>());
    rules.merge(rule.key(), new AccessRule(group, resource, clusterWide,
        new TreeSet<>(Arrays.asList(verbs))), (a, b) -> {
          TreeSet<String> union = new TreeSet<>(a.verbs());
          union.addAll(b.verbs());
          return new AccessRule(group, resource, clusterWide, union);
        });
  }

  private static boolean has(List<Manifest> manifests, String kind) {
    return manifests.stream().anyMatch(manifest -> manifest.kind().equals(kind));
  }

  private static String group(Manifest manifest) {
    Object apiVersion = manifest.document().get("apiVersion");
    String version = String.valueOf(apiVersion);
    return version.contains("/") ? version.substring(0, version.indexOf('/')) : CORE;
  }

  /** The resource of a kind: fabric8's model knows the plural of its kinds; else English's. */
  private static String plural(Manifest manifest) {
    HasMetadata resource = manifest.resource();
    return resource instanceof GenericKubernetesResource
        ? Pluralize.toPlural(manifest.kind().toLowerCase(Locale.ROOT))
        : HasMetadata.getPlural(resource.getClass());
  }
}
