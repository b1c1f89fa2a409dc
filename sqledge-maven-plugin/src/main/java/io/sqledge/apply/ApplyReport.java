package io.sqledge.apply;

import java.util.List;
import java.util.Optional;

/**
 * The result of an apply.
 *
 * @param namespace the namespace the namespaced resources went to
 * @param changes one entry per resource, in apply order (the Secret first, if apply wrote it)
 * @param endpoint the address clients use ({@code host,port}), once known
 * @param dryRun whether nothing was changed
 */
public record ApplyReport(
    String namespace, List<ResourceChange> changes, Optional<Endpoint> endpoint, boolean dryRun) {

  public ApplyReport {
    changes = List.copyOf(changes);
  }
}
