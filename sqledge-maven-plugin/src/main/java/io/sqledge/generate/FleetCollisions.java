package io.sqledge.generate;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import io.sqledge.verify.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instances of a fleet that would overwrite each other on the cluster, found over what they
 * render, so that every object counts: two instances with one name in one namespace; one claim
 * made twice (a Deployment's claim equal to the {@code <template>-<statefulset>-0} a StatefulSet
 * makes: two databases on one disk); one StorageClass defined two ways; any other kind, namespace
 * and name made twice (one instance's Service named like another's headless Service). A
 * cluster-scoped object two instances make alike (a shared StorageClass) is one object, as meant.
 * Instances on different sites are on different clusters: they never collide. Each error points
 * at the setting to change.
 */
final class FleetCollisions {

  private final Problems problems;
  /** Every object made so far, by site, kind, namespace and name. */
  private final Map<String, Made> made = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  /** The namespace each instance name (by site) was first seen in ("" for the current one). */
  private final Map<String, String> namespaceOfName = new HashMap<>();

  /** Checks instances one at a time, reporting to {@code problems}. */
  FleetCollisions(Problems problems) {
    this.problems = problems;
  }

  /**
   * Which instance made an object, by name; for a cluster-scoped one also as what (instances may
   * share it when they make it alike). Neither the instance's configuration nor a namespaced
   * object's document is kept: a fleet's instances are written and let go one at a time.
   */
  private record Made(String instance, Map<String, Object> document) {}

  /** Checks an instance against the instances added before it. */
  void add(Generator.Rendered rendered) {
    InstanceConfig instance = rendered.config();
    String namespace = instance.namespace().isEmpty() ? "(current)" : instance.namespace();
    // Keys start with the site; "/" is in no site name, namespace or name.
    String site = instance.cluster().site() + "/";
    if (!names.add(site + namespace + "/" + instance.name())) {
      // Everything it makes collides: say why once.
      problems.error(instance.sources().at("name"), "name", "two instances are named `"
              + instance.name() + "` in namespace " + namespace + ": their resources would"
              + " overwrite each other", "give each instance its own `name` or `namespace`");
      return;
    }
    String other = namespaceOfName.putIfAbsent(site + instance.name(), instance.namespace());
    if (other != null && (other.isEmpty() != instance.namespace().isEmpty())) {
      // The current namespace is known only on the cluster: it may be the other one's.
      String named = other.isEmpty() ? instance.namespace() : other;
      problems.error(instance.sources().at(instance.namespace().isEmpty() ? "name" : "namespace"),
          "namespace", "two instances are named `" + instance.name() + "`, one in namespace "
              + named + " and one without a namespace: where the current namespace is " + named
              + ", their resources would overwrite each other",
          "give both instances a `namespace`, or each its own `name`");
      return;
    }
    for (Manifest manifest : rendered.manifests().manifests()) {
      String where = manifest.namespaced() ? " in namespace " + namespace : "";
      claim(instance, manifest, site, manifest.describe() + where,
          new Made(instance.name(), manifest.namespaced() ? null : manifest.document()));
      for (String claim : templatedClaims(manifest)) {
        claim(instance, manifest, site, "PersistentVolumeClaim/" + claim + where,
            new Made(instance.name(), null));
      }
    }
  }

  /** Records that {@code instance} makes {@code object}; an error when another made it already. */
  private void claim(InstanceConfig instance, Manifest manifest, String site, String object,
      Made by) {
    Made other = made.putIfAbsent(site + object, by);
    if (other == null || (!manifest.namespaced() && by.document().equals(other.document()))) {
      return;
    }
    String both = "instances `" + other.instance() + "` and `" + instance.name() + "`";
    if (object.startsWith("PersistentVolumeClaim/")) {
      problems.error(instance.sources().at("storage.claimName"), "storage.claimName",
          both + " use the same claim: " + object,
          "leave `storage.claimName` unset in a fleet (each instance gets `<name>-data`), or"
              + " give each its own");
    } else if (manifest.kind().equals("StorageClass")) {
      problems.error(instance.sources().at("storage"), "storage.className", both
              + " define the StorageClass `" + manifest.name() + "` differently",
          "give the classes different names, or the same settings");
    } else {
      problems.error(instance.sources().at("name"), "name", both + " both make " + object
          + ": on the cluster they would be one", manifest.namespaced()
          ? "rename one instance, or put it in another `namespace`"
          : "rename the object in one instance's settings");
    }
  }

  /** The claims a StatefulSet's volumeClaimTemplates make: {@code <template>-<name>-<ordinal>}. */
  private static List<String> templatedClaims(Manifest manifest) {
    List<String> claims = new ArrayList<>();
    if (!manifest.kind().equals("StatefulSet")
        || !(manifest.document().get("spec") instanceof Map<?, ?> spec)) {
      return claims;
    }
    int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
    if (spec.get("volumeClaimTemplates") instanceof List<?> templates) {
      for (Object template : templates) {
        if (template instanceof Map<?, ?> t && t.get("metadata") instanceof Map<?, ?> metadata) {
          for (int ordinal = 0; ordinal < replicas; ordinal++) {
            claims.add(metadata.get("name") + "-" + manifest.name() + "-" + ordinal);
          }
        }
      }
    }
    return claims;
  }
}
