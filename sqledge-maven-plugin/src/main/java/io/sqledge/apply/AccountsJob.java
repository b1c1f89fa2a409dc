package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.AccountsModel;
import io.sqledge.sql.AccountScript;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

  /**
   * A password that changed in a login's Secret (its {@code passwordSecret} rotated, or the
   * Secret edited) reaches SQL Server only when the job runs again; the job's name does not
   * change with it (no password is in the manifests). So the Job that ran is removed here, before
   * the first write, and the plan then makes it anew: it runs, and alters just that login.
   */
  static ClusterPlan rerunOnChangedPasswords(KubernetesClient client, ClusterPlan plan,
      ApplyRequest request, ApplyLog log) throws SqledgeException {
    boolean changed = plan.steps().stream().anyMatch(step -> step.desired() instanceof Secret
        && request.logins().stream().anyMatch(login -> login.secretName()
            .equals(step.desired().getMetadata().getName()))
        && step.live().isPresent() && !Objects.equals(password(step.desired()),
            password(step.live().get())));
    if (!changed) {
      return plan;
    }
    List<ClusterPlan.Step> steps = new ArrayList<>();
    for (ClusterPlan.Step step : plan.steps()) {
      if (step.desired() instanceof Job && isAccounts(step.desired()) && step.live().isPresent()) {
        try {
          step.resource().withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
          step.resource().waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
          throw new SqledgeException("sqledge: apply failed at " + step.name()
              + "; nothing was applied", List.of(ApiErrors.describe(step.name(),
                  plan.namespace(), "deleting " + step.name(), e, Optional.empty(),
                  String.valueOf(client.getMasterUrl()))), e);
        }
        log.info(step.name() + " runs again: a login's password changed in its Secret");
        steps.add(new ClusterPlan.Step(step.name(), step.desired(), step.resource(),
            step.namespaced(), Optional.empty()));
      } else {
        steps.add(step);
      }
    }
    return new ClusterPlan(plan.namespace(), plan.namespaceExists(), steps);
  }

  private static Object password(HasMetadata secret) {
    Map<String, String> data = ((Secret) secret).getData();
    return data == null ? null : data.get(LoginSecrets.PASSWORD);
  }

  private static boolean isAccounts(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && AccountsModel.ACCOUNTS.equals(labels.get("app.kubernetes.io/name"));
  }

  /** The accounts Job of {@code manifests}, waited for; empty when the output has none. */
  static Optional<Report> await(KubernetesClient client, ManifestSet manifests, String namespace,
      Duration timeout) throws SqledgeException {
    Optional<Job> job = manifests.manifests().stream()
        .map(manifest -> manifest.resource())
        .filter(Job.class::isInstance).map(Job.class::cast)
        .filter(AccountsJob::isAccounts)
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
