package io.sqledge.apply;

import java.util.List;
import java.util.Optional;

/**
 * What apply would change, resource by resource.
 *
 * @param namespace the namespace compared
 * @param resources one entry per resource, in apply order
 */
public record DiffReport(String namespace, List<ResourceDiff> resources) {

  /**
   * One resource's difference.
   *
   * @param resource {@code Deployment/sqledge}
   * @param exists whether the resource is on the cluster
   * @param unifiedDiff the difference as a unified diff of YAML; empty when there is none
   * @param notOurs why apply would refuse the resource, when it exists and is not the plugin's
   *     ({@link Ownership}); empty otherwise
   */
  public record ResourceDiff(String resource, boolean exists, List<String> unifiedDiff,
      Optional<String> notOurs) {

    public ResourceDiff {
      unifiedDiff = List.copyOf(unifiedDiff);
    }

    public boolean differs() {
      return !unifiedDiff.isEmpty();
    }
  }

  public DiffReport {
    resources = List.copyOf(resources);
  }

  public long differing() {
    return resources.stream().filter(ResourceDiff::differs).count();
  }
}
