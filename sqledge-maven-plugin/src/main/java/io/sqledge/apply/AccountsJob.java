package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.AccountsModel;
import io.sqledge.sql.AccountScript;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The step of apply after the database is ready: the accounts Job (the declared databases and
 * logins) waited for to its end, and what it changed read from its log. A Job that ran before,
 * because nothing changed, is found finished at once.
 */
final class AccountsJob {

  /** Where the docs say what to do when the job fails. */
  static final String HELP = "docs/databases-and-logins.md#when-the-job-fails";

  /**
   * What the job did.
   *
   * @param job its name
   * @param reported the lines of its log about a change or a finding, without the prefix
   * @param logRead whether the node served its log (a simulated node does not)
   */
  record Report(String job, List<String> reported, boolean logRead) {}

  private AccountsJob() {}

  /** The accounts Job of {@code manifests}, waited for; empty when the output has none. */
  static Optional<Report> await(KubernetesClient client, ManifestSet manifests, String namespace,
      Duration timeout) throws SqledgeException {
    Optional<Job> job = manifests.manifests().stream()
        .map(manifest -> manifest.resource())
        .filter(Job.class::isInstance).map(Job.class::cast)
        .filter(j -> AccountsModel.ACCOUNTS.equals(j.getMetadata().getLabels()
            .get("app.kubernetes.io/name")))
        .findFirst();
    if (job.isEmpty()) {
      return Optional.empty();
    }
    String name = job.get().getMetadata().getName();
    Optional<String> log = new JobWatch(client, "accounts", HELP).await(namespace, name, timeout);
    return Optional.of(new Report(name, JobWatch.reported(log, AccountScript.REPORTED),
        log.isPresent()));
  }
}
