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
 * @param accounts what the accounts job (databases and logins) reported, line by line, once
 *     apply waited for it; empty without the job, without waiting, or in a dry run
 */
public record ApplyReport(
    String namespace, List<ResourceChange> changes, Optional<Endpoint> endpoint, boolean dryRun,
    Optional<List<String>> accounts) {

  public ApplyReport {
    changes = List.copyOf(changes);
  }
}
