package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sqledge.apply.ApplyLog;
import io.sqledge.apply.ApplyRequest;
import io.sqledge.apply.Applier;
import io.sqledge.apply.ClusterPlan;
import io.sqledge.apply.Deleter;
import io.sqledge.apply.SecretSource;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.ServiceDns;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.BackupModel;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A restore drill ({@code sqledge:restore -Dsqledge.restore.into=<copy>}): a copy of the instance
 * next to it, in its namespace, restored from the original's backups and checked, then removed;
 * the original is only read. What the copy is, and how long it took and what it would lose, is
 * the drill's report. See docs/backups.md#the-restore-drill.
 *
 * <p>The copy is the original's configuration with the {@link #copyOverrides}, rendered and checked
 * as any configuration is, and then shaped here for what only a drill needs:
 * <ul>
 *   <li>none of what the original already has (the StorageClass) or what only the original does
 *       (its backup claim, scripts and CronJobs; the job of its databases and logins): the copy
 *       takes no backups, and has what the restore brings;
 *   <li>with backups on a claim, the copy mounts the original's backup claim read-only and runs on
 *       the original's node, where that ReadWriteOnce claim is attached (required pod affinity to
 *       the original's pods); a copy that cannot go there waits, and the drill fails at the end of
 *       its wait;
 *   <li>its NetworkPolicy, when there is one, admits the drill's job, which carries the original's
 *       backup labels.
 * </ul>
 * It shares the original's SA password Secret, which its removal never touches.
 */
public final class RestoreDrill {

  /**
   * What a drill found.
   *
   * @param copy the copy's name
   * @param upIn how long the copy took to be ready
   * @param restore the restore job's report
   * @param lossWindow how far the newest backup of the chain lies before the drill began: what a
   *     loss at that moment would have cost; empty with a point in time, or when the job's log
   *     could not be read
   * @param kept whether the copy was left running ({@code -Dsqledge.restore.keep})
   */
  public record Report(String copy, Duration upIn, RestoreRun.Report restore,
      Optional<Duration> lossWindow, boolean kept) {}

  private final KubernetesClient client;
  private final ApplyLog log;
  private final Clock clock;

  public RestoreDrill(KubernetesClient client, ApplyLog log, Clock clock) {
    this.client = client;
    this.log = log;
    this.clock = clock;
  }

  /**
   * The configuration changes that make the copy: its name, a claim of its own, no public address,
   * no failover guard, not under the production gate, and the original's backup claim (which the
   * copy only reads).
   */
  public static Map<String, String> copyOverrides(InstanceConfig original, String copy) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("name", copy);
    overrides.put("storage.claimName", copy + "-data");
    overrides.put("service.type", "ClusterIP");
    overrides.put("service.internal", "false");
    overrides.put("service.loadBalancerSourceRanges", "");
    overrides.put("service.loadBalancerIP", "");
    overrides.put("ha.automaticFailover", "none");
    // A throwaway copy is no production instance: the gate would refuse the guard it lacks.
    overrides.put("production", "false");
    overrides.put("backup.claim.name", original.backup().claimName(original.name()));
    // A Certificate of its own would have cert-manager write a Secret the drill then leaves
    // behind, or, with the original's tls.secretName, overwrite the original's certificate with
    // one for the copy's names: the copy mounts the original's Secret instead, read-only.
    if (original.tls().certManager().enabled()) {
      overrides.put("tls.certManager.issuerRef.name", "");
      overrides.put("tls.secretName", original.tls().secret(original.name()));
    }
    // Nobody watches a copy that lives for one drill: no exporter, nothing for Prometheus.
    overrides.put("metrics.enabled", "false");
    overrides.put("metrics.serviceMonitor", "false");
    overrides.put("metrics.credentialSecret", "");
    return overrides;
  }

  /**
   * Brings the copy up, restores {@code request.database()} into it from the original's backups,
   * checks it, and removes it unless {@code keep}.
   */
  public Report run(InstanceConfig original, ManifestSet originalManifests, InstanceConfig copy,
      ManifestSet copyManifests, RestoreRun.Request request, Duration timeout, boolean keep)
      throws SqledgeException {
    String namespace = ClusterPlan.namespaceOf(client, original.namespace());
    Instant start = clock.instant();
    ManifestSet shaped = shape(copyManifests, originalManifests, original.backup().toUrl()
        ? Optional.empty() : Optional.of(original.backup().claimName(original.name())));
    new Applier(client, log).apply(new ApplyRequest(shaped, original.namespace(), false, false,
        false, copy.engine().saPassword(), SecretSource.existing(), true, timeout,
        Duration.ofSeconds(2)));
    Duration upIn = Duration.between(start, clock.instant());
    log.info("the copy " + copy.name() + " is ready (" + upIn.toSeconds() + "s)");
    boolean removed = false;
    try {
      RestoreRun.Report restore = new RestoreRun(client, clock).run(original.name(),
          original.namespace(), new RestoreRun.Request(request.database(), request.pointInTime(),
              request.from(), false, Optional.of(new RestoreRun.Copy(
                  ServiceDns.host(copy.name(), original.namespace()), copy.service().port()))),
          timeout);
      Optional<Duration> window = request.pointInTime().isPresent() ? Optional.empty()
          : restore.chainEnds().map(end -> Duration.between(end, start));
      if (!keep) {
        remove(shaped, namespace);
        removed = true;
      }
      return new Report(copy.name(), upIn, restore, window, keep);
    } finally {
      if (!keep && !removed) {
        // The drill failed: the copy goes all the same, and what failed is what is reported.
        try {
          remove(shaped, namespace);
        } catch (SqledgeException e) {
          log.warn("the copy " + copy.name() + " could not be removed: " + e.getMessage());
        }
      }
    }
  }

  private void remove(ManifestSet shaped, String namespace) throws SqledgeException {
    new Deleter(client, log).delete(shaped, namespace, Optional.empty(), true);
  }

  /**
   * The copy's objects, as the class comment says; {@code backupClaim} is the original's backup
   * claim when its backups go to one (the copy's configuration names it too).
   */
  static ManifestSet shape(ManifestSet copy, ManifestSet original,
      Optional<String> backupClaim) {
    HasMetadata database = workload(original).orElseThrow();
    Map<String, String> databasePods = database instanceof Deployment deployment
        ? deployment.getSpec().getSelector().getMatchLabels()
        : ((StatefulSet) database).getSpec().getSelector().getMatchLabels();
    Optional<Map<String, String>> drillPods = original.manifests().stream()
        .map(Manifest::resource).filter(CronJob.class::isInstance).map(CronJob.class::cast)
        .findFirst().map(job -> {
          Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getJobTemplate()
              .getSpec().getTemplate().getMetadata().getLabels());
          labels.remove(BackupModel.KIND_LABEL);
          return labels;
        });
    List<Manifest> kept = copy.manifests().stream()
        .filter(manifest -> !(manifest.resource() instanceof StorageClass))
        .filter(manifest -> !List.of("backup", "accounts").contains(label(manifest.resource(),
            "app.kubernetes.io/component")))
        .toList();
    ManifestSet shaped = new ManifestSet(kept);
    PodSpec pod = podSpec(workload(shaped).orElseThrow());
    if (backupClaim.isPresent()) {
      for (Volume volume : pod.getVolumes()) {
        if (volume.getPersistentVolumeClaim() != null
            && volume.getPersistentVolumeClaim().getClaimName().equals(backupClaim.get())) {
          volume.getPersistentVolumeClaim().setReadOnly(true);
          pod.getContainers().forEach(container -> container.getVolumeMounts().stream()
              .filter(mount -> mount.getName().equals(volume.getName()))
              .forEach(mount -> mount.setReadOnly(true)));
        }
      }
      pod.setAffinity(new AffinityBuilder().withNewPodAffinity()
          .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
              .withTopologyKey("kubernetes.io/hostname").withLabelSelector(
                  new LabelSelectorBuilder().withMatchLabels(databasePods).build()).build())
          .endPodAffinity().build());
    }
    for (Manifest manifest : kept) {
      if (manifest.resource() instanceof NetworkPolicy policy && drillPods.isPresent()) {
        policy.getSpec().getIngress().forEach(rule -> rule.getFrom().add(
            new NetworkPolicyPeerBuilder().withNewPodSelector()
                .withMatchLabels(drillPods.get()).endPodSelector().build()));
      }
    }
    return shaped;
  }

  private static Optional<HasMetadata> workload(ManifestSet manifests) {
    return manifests.manifests().stream().map(Manifest::resource)
        .filter(r -> r instanceof Deployment || r instanceof StatefulSet).findFirst();
  }

  private static PodSpec podSpec(HasMetadata workload) {
    return workload instanceof Deployment deployment
        ? deployment.getSpec().getTemplate().getSpec()
        : ((StatefulSet) workload).getSpec().getTemplate().getSpec();
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
