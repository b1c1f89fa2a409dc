package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ClusterPlan;
import io.sqledge.apply.JobWatch;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.sql.BackupScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backup taken now ({@code sqledge:backup}): a Job made from the kind's CronJob template, as
 * {@code kubectl create job --from=cronjob/…} makes it, waited for, and what it wrote read from
 * its log.
 */
public final class BackupRun {

  /** What a backup run did: its Job, how long it took, and the files its log reports. */
  public record Report(String job, Duration took, List<String> wrote, boolean logRead) {}

  private final KubernetesClient client;
  private final Clock clock;

  public BackupRun(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Runs the backup of {@code kind} ({@code full}, …) of the instance {@code instance}, and waits
   * up to {@code timeout} for it.
   */
  public Report run(String instance, String requestedNamespace, String kind, Duration timeout)
      throws SqledgeException {
    String namespace = ClusterPlan.namespaceOf(client, requestedNamespace);
    JobWatch watch = new JobWatch(client, "backup", "docs/backups.md#when-a-backup-fails");
    Instant start = clock.instant();
    CronJob cronJob = watch.cronJob(namespace, instance + "-backup-" + kind, "backup." + kind);
    String name = watch.create(namespace, jobFrom(cronJob, start)).getMetadata().getName();
    Optional<String> log = watch.await(namespace, name, timeout);
    return new Report(name, Duration.between(start, clock.instant()),
        JobWatch.reported(log, BackupScript.WROTE), log.isPresent());
  }

  /** The Job as kubectl create job --from makes it: the template, owned by the CronJob. */
  static Job jobFrom(CronJob cronJob, Instant now) {
    var template = cronJob.getSpec().getJobTemplate();
    Map<String, String> annotations = new HashMap<>(Optional.ofNullable(
        template.getMetadata()).map(m -> m.getAnnotations()).orElse(Map.of()));
    annotations.put("cronjob.kubernetes.io/instantiate", "manual");
    // The CronJob's name has at most 52 characters; "-" and 10 digits of seconds make 63.
    return new JobBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(cronJob.getMetadata().getName() + "-" + now.getEpochSecond())
            .withLabels(Optional.ofNullable(template.getMetadata()).map(m -> m.getLabels())
                .orElse(Map.of()))
            .withAnnotations(annotations)
            .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                .withKind("CronJob").withName(cronJob.getMetadata().getName())
                .withUid(cronJob.getMetadata().getUid()).build())
            .build())
        .withSpec(template.getSpec())
        .build();
  }
}
