package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.config.SecretKeyRef;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Removes an instance: the Service and the workload always; the data (the claim, the StorageClass
 * and the SA password Secret) only when asked. The namespace is never deleted, and a StorageClass
 * or Secret that sqledge did not create is never deleted.
 */
public final class Deleter {

  private final KubernetesClient client;
  private final ApplyLog log;

  public Deleter(KubernetesClient client, ApplyLog log) {
    this.client = client;
    this.log = log;
  }

  public DeleteReport delete(ManifestSet manifests, String requestedNamespace, SecretKeyRef secret,
      boolean deleteData) throws SqledgeException {
    return delete(manifests, requestedNamespace, Optional.of(secret), deleteData);
  }

  /**
   * As above; without {@code secret}, the SA password Secret is left out whatever
   * {@code deleteData} says (a restore drill's copy shares the original's).
   */
  public DeleteReport delete(ManifestSet manifests, String requestedNamespace,
      Optional<SecretKeyRef> secret, boolean deleteData) throws SqledgeException {
    List<HasMetadata> wanted = new ArrayList<>(manifests.manifests().stream()
        .map(Manifest::resource).toList());
    secret.ifPresent(ref -> wanted.add(new SecretBuilder().withNewMetadata()
        .withName(ref.secretName()).endMetadata().build()));
    ClusterPlan plan = ClusterPlan.read(client, wanted, requestedNamespace,
        ClusterPlan.Purpose.DELETE);
    String namespace = plan.namespace();
    List<String> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    // Reverse apply order: the Service first, so clients stop arriving; the storage last, and a
    // StorageClass after every claim of the instance, the templated ones included.
    List<ClusterPlan.Step> steps = new ArrayList<>(plan.steps());
    Collections.reverse(steps);
    for (ClusterPlan.Step step : steps) {
      if (!(step.desired() instanceof StorageClass)) {
        delete(step, plan, deleteData, removed, kept, absent);
      }
    }
    if (plan.namespaceExists()) {
      deleteStatefulClaims(manifests, namespace, deleteData, removed, kept);
    }
    for (ClusterPlan.Step step : steps) {
      if (step.desired() instanceof StorageClass) {
        delete(step, plan, deleteData, removed, kept, absent);
      }
    }
    kept.forEach(line -> log.info("kept " + line));
    absent.forEach(line -> log.info("not found: " + line));
    return new DeleteReport(removed, kept, absent);
  }

  private void delete(ClusterPlan.Step step, ClusterPlan plan, boolean deleteData,
      List<String> removed, List<String> kept, List<String> absent) throws SqledgeException {
    String name = step.name();
    HasMetadata object = step.desired();
    boolean data = object instanceof PersistentVolumeClaim || object instanceof StorageClass
        || object instanceof Secret;
    if (step.live().isEmpty()) {
      absent.add(name);
      return;
    }
    HasMetadata live = step.live().get();
    if (live.getMetadata().getDeletionTimestamp() != null) {
      // A claim in use waits for its pod to go (the pvc-protection finalizer).
      absent.add(name + " (already being deleted)");
      return;
    }
    if (data && !deleteData) {
      kept.add(name + " (holds the data; -Dsqledge.deleteData=true removes it)");
      return;
    }
    // A StorageClass or the Secret may serve several instances: any of sqledge's is fair game.
    Optional<String> notOurs = object instanceof StorageClass || object instanceof Secret
        ? (Ownership.madeByUs(live) ? Optional.empty() : Optional.of("not created by sqledge"))
        : Ownership.foreign(object, live);
    if (notOurs.isPresent()) {
      kept.add(name + " (" + notOurs.get() + ")");
      return;
    }
    if (object instanceof StorageClass) {
      Optional<String> user = claimUsing(object.getMetadata().getName());
      if (user.isPresent()) {
        kept.add(name + " (" + user.get() + ")");
        return;
      }
    }
    try {
      step.resource().delete();
    } catch (KubernetesClientException e) {
      throw new SqledgeException("sqledge: delete failed at " + name
          + (removed.isEmpty() ? "; nothing was removed" : "; already removed: "
              + String.join(", ", removed)),
          List.of(ApiErrors.describe(name, step.where(plan), "deleting " + name, e,
              Optional.empty(), String.valueOf(client.getMasterUrl()))), e);
    }
    removed.add(name);
    log.info("removed " + name + (step.namespaced() ? " (namespace " + plan.namespace() + ")"
        : ""));
  }

  /**
   * Why a StorageClass must stay: a claim anywhere on the cluster (another instance, another
   * namespace) still uses it, or the claims cannot be listed to tell. Claims being deleted do not
   * count.
   */
  private Optional<String> claimUsing(String storageClass) {
    try {
      return client.persistentVolumeClaims().inAnyNamespace().list().getItems().stream()
          .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
          .filter(claim -> storageClass.equals(claim.getSpec().getStorageClassName()))
          .map(claim -> "still used by PersistentVolumeClaim/" + claim.getMetadata().getName()
              + " in namespace " + claim.getMetadata().getNamespace())
          .findFirst();
    } catch (KubernetesClientException e) {
      return Optional.of("cannot list the cluster's claims to tell whether another one uses it");
    }
  }

  /**
   * The claims a StatefulSet's volumeClaimTemplates made are not among the manifests: they are
   * found by the instance's selector labels, which the templates carry.
   */
  private void deleteStatefulClaims(ManifestSet manifests, String namespace, boolean deleteData,
      List<String> removed, List<String> kept) throws SqledgeException {
    for (Manifest manifest : manifests.manifests()) {
      if (!(manifest.resource() instanceof StatefulSet statefulSet)) {
        continue;
      }
      var selector = statefulSet.getSpec().getSelector().getMatchLabels();
      try {
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace)
            .withLabels(selector).list().getItems()) {
          String name = "PersistentVolumeClaim/" + claim.getMetadata().getName();
          if (!deleteData) {
            kept.add(name + " (holds the data; -Dsqledge.deleteData=true removes it)");
          } else if (claim.getMetadata().getDeletionTimestamp() == null) {
            client.resource(claim).inNamespace(namespace).delete();
            removed.add(name);
            log.info("removed " + name + " (namespace " + namespace + ")");
          }
        }
      } catch (KubernetesClientException e) {
        throw new SqledgeException("sqledge: delete failed at the claims of StatefulSet/"
            + statefulSet.getMetadata().getName(), List.of(ApiErrors.describe(
                "PersistentVolumeClaim", namespace, "listing claims", e, Optional.empty(),
                String.valueOf(client.getMasterUrl()))), e);
      }
    }
  }
}
