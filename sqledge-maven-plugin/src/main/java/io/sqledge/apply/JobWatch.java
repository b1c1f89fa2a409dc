package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the jobs that run sqlcmd share (backups, restores, and apply's databases and logins): the
 * CronJob a run starts from, a Job run to its end, and a failure told in the user's terms (the
 * Job's condition, the pod's exit or why it was never scheduled, the end of its log when the node
 * serves it).
 *
 * @param what {@code backup}, {@code restore} or {@code accounts}, for the messages
 * @param help the page of the docs that says what to do when the job fails
 */
public record JobWatch(KubernetesClient client, String what, String help) {

  /** The CronJob, or a failure that says which key schedules it. */
  public CronJob cronJob(String namespace, String name, String key) throws SqledgeException {
    try {
      CronJob cronJob = client.batch().v1().cronjobs().inNamespace(namespace).withName(name)
          .get();
      if (cronJob == null) {
        throw failure(name, namespace, "there is no CronJob " + name + " in the cluster",
            "give `" + key + "` a schedule and run mvn sqledge:apply first");
      }
      return cronJob;
    } catch (KubernetesClientException e) {
      throw apiFailure("cronjob/" + name, namespace, e);
    }
  }

  /** Creates {@code job}; an API error becomes a located failure. */
  public Job create(String namespace, Job job) throws SqledgeException {
    try {
      return client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    } catch (KubernetesClientException e) {
      throw apiFailure("job/" + job.getMetadata().getName(), namespace, e);
    }
  }

  /** Waits until the Job finished; its log when it worked, a failure otherwise. */
  public Optional<String> await(String namespace, String name, Duration timeout)
      throws SqledgeException {
    Job done;
    try {
      done = client.batch().v1().jobs().inNamespace(namespace).withName(name)
          .waitUntilCondition(j -> j != null && (condition(j, "Complete") || condition(j,
              "Failed")), timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw failure(name, namespace, "the " + what + " job " + name + " did not finish within "
          + timeout.toSeconds() + "s: " + podState(namespace, name),
          "kubectl describe job " + name + " -n " + namespace + "; a longer wait:"
              + " -Dsqledge.timeout=<seconds>");
    }
    Optional<String> log = log(namespace, name);
    if (condition(done, "Failed")) {
      JobCondition failed = done.getStatus().getConditions().stream()
          .filter(c -> c.getType().equals("Failed")).findFirst().orElseThrow();
      throw failure(name, namespace, "the " + what + " job " + name + " failed ("
              + failed.getReason() + (failed.getMessage() == null ? "" : ": "
              + failed.getMessage()) + "); " + podState(namespace, name)
              + log.map(text -> "; its log ends:\n" + tail(text)).orElse(""),
          "kubectl logs job/" + name + " -n " + namespace + " shows what sqlcmd and SQL Server"
              + " said; " + help);
    }
    return log;
  }

  /** The lines of a log that start with {@code prefix}, without it. */
  public static List<String> reported(Optional<String> log, String prefix) {
    return log.map(text -> text.lines().filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length())).toList()).orElse(List.of());
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

  private SqledgeException apiFailure(String object, String namespace,
      KubernetesClientException e) {
    return new SqledgeException("sqledge: the " + what + " could not be started", List.of(
        ApiErrors.describe(object, namespace, "running", e, Optional.empty(),
            client.getConfiguration().getMasterUrl())), e);
  }

  public SqledgeException failure(String object, String namespace, String message, String fix) {
    return new SqledgeException("sqledge: " + what + " failed", List.of(Problem.error(
        Origin.resource(object + " in namespace " + namespace), "", message, fix)));
  }
}
