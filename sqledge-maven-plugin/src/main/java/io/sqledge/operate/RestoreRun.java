package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.ClusterPlan;
import io.sqledge.apply.JobWatch;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.BackupModel;
import io.sqledge.sql.BackupKind;
import io.sqledge.sql.RestoreScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A restore ({@code sqledge:restore}): the T-SQL of {@link RestoreScript} in a ConfigMap of its
 * own, run by a Job made from the instance's backup CronJob template (its image, its Secret, its
 * node and its claim), with no retry, since a restore tried again starts from scratch or meets the
 * database it left. Into the instance the backups came from ({@code backup.sh restore}), or, for a
 * restore drill, into a copy ({@code backup.sh drill}: the chain read from this instance, restored
 * on the copy, then checked). The ConfigMap is owned by the Job, so deleting the Job deletes it.
 */
public final class RestoreRun {

  /**
   * What to restore.
   *
   * @param database the database, as its backups name it
   * @param pointInTime when to stop; empty for the end of the last log backup
   * @param from a full backup's file name to start from; empty for the newest before the time
   * @param replace whether an existing database may be overwritten
   * @param into the copy a restore drill restores into; empty for the instance itself
   */
  public record Request(String database, Optional<Instant> pointInTime, Optional<String> from,
      boolean replace, Optional<Copy> into) {

    /** A restore into the instance the backups came from. */
    public Request(String database, Optional<Instant> pointInTime, Optional<String> from,
        boolean replace) {
      this(database, pointInTime, from, replace, Optional.empty());
    }
  }

  /** The running copy a drill restores into, as its Service reaches it. */
  public record Copy(String host, long port) {}

  /**
   * What a restore did: its Job, how long it took, and what its log reports (the restored time;
   * for a drill, when the chain ends).
   */
  public record Report(String job, Duration took, List<String> restored,
      Optional<Instant> chainEnds, boolean logRead) {}

  private final KubernetesClient client;
  private final Clock clock;

  public RestoreRun(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Report run(String instance, String requestedNamespace, Request request,
      Duration timeout) throws SqledgeException {
    String namespace = ClusterPlan.namespaceOf(client, requestedNamespace);
    JobWatch watch = new JobWatch(client, "restore", "docs/backups.md#when-a-backup-fails");
    Instant start = clock.instant();
    CronJob cronJob = anyBackupCronJob(watch, namespace, instance);
    String name = instance + "-restore-" + start.getEpochSecond();
    Map<String, String> labels = new HashMap<>(cronJob.getSpec().getJobTemplate().getMetadata()
        .getLabels());
    labels.put(BackupModel.KIND_LABEL, request.into().isPresent() ? "drill" : "restore");
    ConfigMap scripts = new ConfigMapBuilder().withNewMetadata().withName(name)
        .withLabels(labels).endMetadata().addToData(scripts(request)).build();
    try {
      client.configMaps().inNamespace(namespace).resource(scripts).create();
    } catch (KubernetesClientException e) {
      throw watch.failure("configmap/" + name, namespace, "the restore's script could not be"
          + " stored (" + e.getCode() + ")", "check that the account may create ConfigMaps in "
          + namespace);
    }
    Job job = watch.create(namespace, restoreJob(cronJob, name, labels, request.into()));
    client.configMaps().inNamespace(namespace).withName(name).edit(c -> {
      c.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
          .withApiVersion("batch/v1").withKind("Job").withName(name)
          .withUid(job.getMetadata().getUid()).build()));
      return c;
    });
    Optional<String> log = watch.await(namespace, name, timeout);
    return new Report(name, Duration.between(start, clock.instant()),
        JobWatch.reported(log, RestoreScript.RESTORED),
        JobWatch.reported(log, RestoreScript.CHAIN_ENDS).stream().findFirst()
            .flatMap(RestoreRun::instant), log.isPresent());
  }

  /** restore.sql; for a drill, the plan for this instance and the copy's two parts. */
  private static Map<String, String> scripts(Request request) {
    if (request.into().isEmpty()) {
      return Map.of("restore.sql", RestoreScript.of(request.database(), request.pointInTime(),
          request.from(), request.replace()));
    }
    return Map.of(
        "restore-plan.sql", RestoreScript.drillPlan(request.database(), request.pointInTime(),
            request.from()),
        "restore-head.sql", RestoreScript.drillHead(request.database(), request.pointInTime()),
        "restore-apply.sql", RestoreScript.drillApply());
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text.strip()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The instance's backup CronJobs share their pod template; any one serves. */
  private CronJob anyBackupCronJob(JobWatch watch, String namespace, String instance)
      throws SqledgeException {
    for (BackupKind kind : BackupKind.values()) {
      CronJob cronJob = client.batch().v1().cronjobs().inNamespace(namespace)
          .withName(instance + "-backup-" + kind.word()).get();
      if (cronJob != null) {
        return cronJob;
      }
    }
    return watch.cronJob(namespace, instance + "-backup-full", "backup.full");
  }

  /**
   * The backup pod template, running {@code backup.sh restore} over restore.sql, or
   * {@code backup.sh drill} with the copy's address, once.
   */
  private static Job restoreJob(CronJob cronJob, String name, Map<String, String> labels,
      Optional<Copy> into) {
    Job job = new JobBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withSpec(cronJob.getSpec().getJobTemplate().getSpec()).build();
    job.getSpec().setBackoffLimit(0);
    job.getSpec().getTemplate().getMetadata().setLabels(labels);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    List<String> command = new ArrayList<>(container.getCommand());
    command.set(command.size() - 1, into.isPresent() ? "drill" : "restore");
    container.setCommand(command);
    into.ifPresent(copy -> {
      List<EnvVar> env = new ArrayList<>(container.getEnv());
      env.add(new EnvVar("SQLEDGE_COPY_HOST", copy.host(), null));
      env.add(new EnvVar("SQLEDGE_COPY_PORT", String.valueOf(copy.port()), null));
      container.setEnv(env);
    });
    List<Volume> volumes = new ArrayList<>();
    for (Volume volume : pod.getVolumes()) {
      if (volume.getConfigMap() != null) {
        volumes.add(new VolumeBuilder().withName(volume.getName()).withNewProjected()
            .withDefaultMode(volume.getConfigMap().getDefaultMode())
            .withSources(new VolumeProjectionBuilder().withNewConfigMap()
                    .withName(volume.getConfigMap().getName()).addNewItem().withKey("backup.sh")
                    .withPath("backup.sh").endItem().endConfigMap().build(),
                new VolumeProjectionBuilder().withNewConfigMap().withName(name).endConfigMap()
                    .build())
            .endProjected().build());
      } else {
        volumes.add(volume);
      }
    }
    pod.setVolumes(volumes);
    return job;
  }
}
