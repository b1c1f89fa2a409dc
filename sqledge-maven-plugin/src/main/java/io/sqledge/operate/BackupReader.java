package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.operate.InstanceStatus.BackupState;
import io.sqledge.render.BackupModel;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance's backups as the cluster shows them, per kind: the CronJob's schedule and its last
 * scheduled run, and the last backup that succeeded, whether the controller ran it or
 * {@code sqledge:backup} did (the newest completed Job of the kind).
 */
final class BackupReader {

  private final KubernetesClient client;

  BackupReader(KubernetesClient client) {
    this.client = client;
  }

  List<BackupState> read(ManifestSet manifests, String namespace) {
    List<BackupState> states = new ArrayList<>();
    for (Manifest manifest : manifests.manifests()) {
      if (!(manifest.resource() instanceof CronJob rendered)) {
        continue;
      }
      Map<String, String> labels = rendered.getSpec().getJobTemplate().getMetadata().getLabels();
      if (!BackupModel.BACKUP.equals(labels.get("app.kubernetes.io/name"))) {
        continue;
      }
      String kind = labels.get(BackupModel.KIND_LABEL);
      CronJob live = client.batch().v1().cronjobs().inNamespace(namespace)
          .withName(rendered.getMetadata().getName()).get();
      if (live == null) {
        states.add(new BackupState(kind, rendered.getSpec().getSchedule(), false,
            Optional.empty(), Optional.empty(), false));
        continue;
      }
      Optional<Instant> lastSucceeded = client.batch().v1().jobs().inNamespace(namespace)
          .withLabels(labels).list().getItems().stream()
          .map(BackupReader::completion).flatMap(Optional::stream)
          .max(Comparator.naturalOrder());
      var status = Optional.ofNullable(live.getStatus());
      Optional<Instant> lastScheduled = status.map(s -> s.getLastScheduleTime())
          .map(Instant::parse);
      boolean running = status.map(s -> s.getActive()).filter(a -> !a.isEmpty()).isPresent();
      states.add(new BackupState(kind, live.getSpec().getSchedule(), true, lastSucceeded,
          lastScheduled, running));
    }
    return states;
  }

  private static Optional<Instant> completion(Job job) {
    return Optional.ofNullable(job.getStatus()).map(s -> s.getCompletionTime())
        .map(Instant::parse);
  }
}
