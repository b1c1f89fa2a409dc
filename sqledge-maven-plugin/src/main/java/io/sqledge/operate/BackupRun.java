package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.sqledge.apply.ApiErrors;
import io.sqledge.apply.ClusterPlan;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.sql.BackupScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A backup taken now ({@code sqledge:backup}): a Job made from the kind's CronJob template, as
 * {@code kubectl create job --from=cronjob/…} makes it, waited for, and what it wrote read from
 * its log. When it fails, the reason says why: the Job's condition, the pod's exit or the reason
 * it was never scheduled, and the log's last lines when the node serves them.
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
    String cronJobName = instance + "-backup-" + kind;
    Instant start = clock.instant();
    Job job;
    try {
      CronJob cronJob = client.batch().v1().cronjobs().inNamespace(namespace)
          .withName(cronJobName).get();
      if (cronJob == null) {
        throw failure(cronJobName, namespace, "there is no CronJob " + cronJobName + ": the"
                + " applied output schedules no " + kind + " backups",
            "give `backup." + kind + "` a schedule and run mvn sqledge:apply first");
      }
      job = client.batch().v1().jobs().inNamespace(namespace).resource(jobFrom(cronJob, start))
          .create();
    } catch (KubernetesClientException e) {
      throw new SqledgeException("sqledge: the backup could not be started", List.of(
          ApiErrors.describe("cronjob/" + cronJobName, namespace, "running", e,
              Optional.empty(), client.getConfiguration().getMasterUrl())), e);
    }
    String name = job.getMetadata().getName();
    Job done;
    try {
      done = client.batch().v1().jobs().inNamespace(namespace).withName(name)
          .waitUntilCondition(j -> j != null && (condition(j, "Complete") || condition(j,
              "Failed")), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw failure(name, namespace, "the backup job " + name + " did not finish within "
          + timeout.toSeconds() + "s: " + podState(namespace, name),
          "kubectl describe job " + name + " -n " + namespace + "; a longer wait:"
              + " -Dsqledge.timeout=<seconds>");
    }
    Duration took = Duration.between(start, clock.instant());
    Optional<String> log = log(namespace, name);
    if (condition(done, "Failed")) {
      JobCondition failed = done.getStatus().getConditions().stream()
          .filter(c -> c.getType().equals("Failed")).findFirst().orElseThrow();
      throw failure(name, namespace, "the backup job " + name + " failed (" + failed.getReason()
              + (failed.getMessage() == null ? "" : ": " + failed.getMessage()) + "); "
              + podState(namespace, name)
              + log.map(text -> "; its log ends:\n" + tail(text)).orElse(""),
          "kubectl logs job/" + name + " -n " + namespace + " shows what sqlcmd and SQL Server"
              + " said; docs/backups.md#when-a-backup-fails");
    }
    List<String> wrote = log.map(text -> text.lines()
        .filter(line -> line.startsWith(BackupScript.WROTE))
        .map(line -> line.substring(BackupScript.WROTE.length())).toList()).orElse(List.of());
    return new Report(name, took, wrote, log.isPresent());
  }

  /** The Job as kubectl create job --from makes it: the template, owned by the CronJob. */
  private static Job jobFrom(CronJob cronJob, Instant now) {
    var template = cronJob.getSpec().getJobTemplate();
    Map<String, String> annotations = new HashMap<>(Optional.ofNullable(
        template.getMetadata()).map(m -> m.getAnnotations()).orElse(Map.of()));
    annotations.put("cronjob.kubernetes.io/instantiate", "manual");
    // The CronJob's name is at most 52 characters; "-" and 10 digits of seconds make 63.
    String name = cronJob.getMetadata().getName() + "-" + now.getEpochSecond();
    return new JobBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(name.length() > 63 ? name.substring(0, 63) : name)
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

  private static boolean condition(Job job, String type) {
    return job.getStatus() != null && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True"));
  }

  /** What the job's last pod did: its exit, or why it never ran. */
  private String podState(String namespace, String job) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list()
        .getItems();
    if (pods.isEmpty()) {
      return "it made no pod";
    }
    Pod last = pods.get(pods.size() - 1);
    Optional<ContainerStateTerminated> exit = Optional.ofNullable(last.getStatus()
        .getContainerStatuses()).orElse(List.of()).stream()
        .map(s -> s.getState() == null ? null : s.getState().getTerminated())
        .filter(t -> t != null).findFirst();
    if (exit.isPresent()) {
      return pods.size() + " pod(s), the last exited with " + exit.get().getExitCode()
          + (exit.get().getReason() == null ? "" : " (" + exit.get().getReason() + ")");
    }
    Optional<PodCondition> unscheduled = Optional.ofNullable(last.getStatus().getConditions())
        .orElse(List.of()).stream().filter(c -> c.getType().equals("PodScheduled")
            && c.getStatus().equals("False")).findFirst();
    return unscheduled.map(c -> "its pod was not scheduled (" + c.getMessage() + "): it runs"
            + " only on the node of a running database pod")
        .orElse("its pod is " + last.getStatus().getPhase());
  }

  /** The job's log, when the node serves it (a simulated node does not). */
  private Optional<String> log(String namespace, String job) {
    try {
      return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(job)
          .getLog());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  private static SqledgeException failure(String object, String namespace, String message,
      String fix) {
    return new SqledgeException("sqledge: backup failed", List.of(Problem.error(
        Origin.resource(object + " in namespace " + namespace), "", message, fix)));
  }
}
