package io.sqledge.generate;

import io.sqledge.diagnostic.Problems;
import io.sqledge.verify.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects of different instances of a fleet that would be one object on the cluster: the same
 * kind, namespace and name from two instances (one instance's Service named like another's
 * headless Service), or a claim made twice (a Deployment's claim equal to the claim a
 * StatefulSet's template makes, {@code <template>-<statefulset>-0}: two databases on one disk).
 * A cluster-scoped object two instances make alike (a shared StorageClass) is one object, as
 * meant.
 */
final class FleetCollisions {

  private FleetCollisions() {}

  /** What one instance puts on the cluster, by kind, namespace and name. */
  private record Made(Generator.Rendered instance, Map<String, Object> document) {}

  static void check(List<Generator.Rendered> instances, Problems problems) {
    Map<String, Made> made = new HashMap<>();
    for (Generator.Rendered instance : instances) {
      String namespace = instance.config().namespace().isEmpty() ? "(current)"
          : instance.config().namespace();
      for (Manifest manifest : instance.manifests().manifests()) {
        String where = manifest.namespaced() ? " in namespace " + namespace : "";
        claim(made, manifest.describe() + where, new Made(instance, manifest.document()),
            problems);
        for (String name : templatedClaims(manifest)) {
          claim(made, "PersistentVolumeClaim/" + name + where, new Made(instance, null),
              problems);
        }
      }
    }
  }

  private static void claim(Map<String, Made> made, String object, Made by, Problems problems) {
    Made other = made.putIfAbsent(object, by);
    if (other == null || other.instance() == by.instance()
        || (by.document() != null && by.document().equals(other.document())
            && !object.contains(" in namespace "))) {
      return;
    }
    String first = other.instance().config().name();
    String second = by.instance().config().name();
    problems.error(by.instance().config().sources().at("name"), "name", "instances `" + first
            + "` and `" + second + "` both make " + object + ": on the cluster they would be one",
        object.startsWith("PersistentVolumeClaim/")
            ? "give the instances different `storage.claimName`s or namespaces"
            : "rename one instance, or put it in another `namespace`");
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
