package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.config.ServiceDns;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits until the applied resources work: the claim bound (when its class binds on first
 * consumer, after the rollout, since only the pod's scheduling binds it), the Deployment rolled
 * out, the LoadBalancer's address assigned. It polls the API, and logs what it waits for, and for how long, at the start and every
 * {@link #LOG_EVERY} — a long wait is never silent.
 */
final class ReadinessWaiter {

  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ApplyLog log;
  private final Duration pollInterval;

  ReadinessWaiter(KubernetesClient client, ApplyLog log, Duration pollInterval) {
    this.client = client;
    this.log = log;
    this.pollInterval = pollInterval;
  }

  /** A condition: empty when met, else what is still missing ("0 of 1 replicas available"). */
  private record Condition(String what, String describeCommand, Supplier<Optional<String>> pending) {}

  /** Waits for every resource; returns the endpoint clients use, once known. */
  Optional<Endpoint> await(ManifestSet manifests, String namespace, Duration timeout)
      throws SqledgeException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    for (Condition condition : conditions(manifests, namespace)) {
      long lastLog = Long.MIN_VALUE;
      while (true) {
        Optional<String> pending = check(condition);
        long now = System.nanoTime();
        if (pending.isEmpty()) {
          log.info("ready: " + condition.what() + " (" + seconds(now - start) + "s)");
          break;
        }
        if (now >= deadline) {
          throw new SqledgeException("sqledge: timed out after " + timeout.toSeconds()
              + "s waiting for " + condition.what(),
              List.of(Problem.error(Origin.resource(condition.what()), "",
                  "still " + pending.get() + " after " + timeout.toSeconds() + "s",
                  "look at " + condition.describeCommand() + " and kubectl get events -n "
                      + namespace + "; raise -Dsqledge.timeout=<seconds> or skip waiting with"
                      + " -Dsqledge.wait=false")));
        }
        if (lastLog == Long.MIN_VALUE || now - lastLog >= LOG_EVERY.toNanos()) {
          log.info("waiting for " + condition.what() + ": " + pending.get() + " ("
              + seconds(now - start) + "s of " + timeout.toSeconds() + "s)");
          lastLog = now;
        }
        sleep(Math.min(pollInterval.toNanos(), Math.max(0, deadline - now)));
      }
    }
    return knownEndpoint(manifests, namespace).or(() -> endpointFromStatus(manifests, namespace));
  }

  private List<Condition> conditions(ManifestSet manifests, String namespace) {
    List<Condition> conditions = new ArrayList<>();
    List<Condition> afterThePod = new ArrayList<>();
    for (Manifest manifest : manifests.manifests()) {
      String name = manifest.name();
      if (manifest.resource() instanceof PersistentVolumeClaim claim) {
        Condition bound = new Condition("PersistentVolumeClaim/" + name + " to be bound",
            "kubectl describe pvc " + name + " -n " + namespace,
            () -> claimPhase(namespace, name));
        if (bindsImmediately(claim, manifests)) {
          conditions.add(bound);
        } else {
          log.info("PersistentVolumeClaim/" + name + " binds when its pod is scheduled"
              + " (WaitForFirstConsumer): checked after the rollout");
          afterThePod.add(bound);
        }
      } else if (manifest.resource() instanceof Deployment) {
        conditions.add(new Condition("Deployment/" + name + " to roll out",
            "kubectl rollout status deployment/" + name + " -n " + namespace,
            () -> rollout(namespace, name)));
      } else if (manifest.resource() instanceof StatefulSet) {
        conditions.add(new Condition("StatefulSet/" + name + " to roll out",
            "kubectl rollout status statefulset/" + name + " -n " + namespace,
            () -> statefulRollout(namespace, name)));
      } else if (manifest.resource() instanceof Service service
          && "LoadBalancer".equals(service.getSpec().getType())) {
        conditions.add(new Condition("Service/" + name + " to get a load-balancer address",
            "kubectl describe service " + name + " -n " + namespace,
            () -> ingress(namespace, name).isPresent()
                ? Optional.empty() : Optional.of("no address assigned yet")));
      }
    }
    conditions.addAll(afterThePod);
    return conditions;
  }

  private boolean bindsImmediately(PersistentVolumeClaim claim, ManifestSet manifests) {
    String className = claim.getSpec().getStorageClassName();
    Optional<StorageClass> ours = manifests.manifests().stream()
        .map(Manifest::resource)
        .filter(StorageClass.class::isInstance)
        .map(StorageClass.class::cast)
        .filter(storageClass -> storageClass.getMetadata().getName().equals(className))
        .findFirst();
    StorageClass storageClass;
    try {
      storageClass = ours.orElseGet(() -> client.storage().v1().storageClasses()
          .withName(className).get());
    } catch (KubernetesClientException e) {
      storageClass = null;
    }
    return storageClass != null
        && !"WaitForFirstConsumer".equals(storageClass.getVolumeBindingMode());
  }

  private Optional<String> claimPhase(String namespace, String name) {
    PersistentVolumeClaim live =
        client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    if (live == null) {
      return Optional.of("not found");
    }
    String phase = live.getStatus() == null ? null : live.getStatus().getPhase();
    return "Bound".equals(phase) ? Optional.empty() : Optional.of("phase " + phase);
  }

  private Optional<String> rollout(String namespace, String name) {
    Deployment live = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (live == null) {
      return Optional.of("not found");
    }
    int wanted = orOne(live.getSpec().getReplicas());
    var status = live.getStatus();
    if (status == null || !observed(status.getObservedGeneration(), live)) {
      return Optional.of("0 of " + wanted + " replicas available (rollout not started)");
    }
    int updated = orZero(status.getUpdatedReplicas());
    int available = orZero(status.getAvailableReplicas());
    int all = orZero(status.getReplicas());
    if (updated < wanted || available < wanted) {
      return Optional.of(available + " of " + wanted + " replicas available, " + updated
          + " updated");
    }
    // As kubectl rollout status: done only once no pod of the old template is left.
    return all > updated
        ? Optional.of((all - updated) + " old replicas still terminating")
        : Optional.empty();
  }

  private Optional<String> statefulRollout(String namespace, String name) {
    StatefulSet live = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    if (live == null) {
      return Optional.of("not found");
    }
    int wanted = orOne(live.getSpec().getReplicas());
    var status = live.getStatus();
    if (status == null || !observed(status.getObservedGeneration(), live)) {
      return Optional.of("0 of " + wanted + " replicas ready (rollout not started)");
    }
    int ready = orZero(status.getReadyReplicas());
    boolean updated = status.getUpdateRevision() == null
        || status.getUpdateRevision().equals(status.getCurrentRevision());
    return ready < wanted || !updated
        ? Optional.of(ready + " of " + wanted + " replicas ready"
            + (updated ? "" : ", update in progress"))
        : Optional.empty();
  }

  /** Whether the controller has seen the latest spec (kubectl rollout status checks this first). */
  private static boolean observed(Long observedGeneration, io.fabric8.kubernetes.api.model.HasMetadata live) {
    long generation = live.getMetadata().getGeneration() == null ? 0 : live.getMetadata().getGeneration();
    return observedGeneration != null && observedGeneration >= generation;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static int orOne(Integer value) {
    return value == null ? 1 : value;
  }

  private Optional<String> ingress(String namespace, String name) {
    Service live = client.services().inNamespace(namespace).withName(name).get();
    if (live == null || live.getStatus() == null || live.getStatus().getLoadBalancer() == null
        || live.getStatus().getLoadBalancer().getIngress() == null) {
      return Optional.empty();
    }
    return live.getStatus().getLoadBalancer().getIngress().stream()
        .map(ReadinessWaiter::address)
        .filter(address -> address != null && !address.isEmpty())
        .findFirst();
  }

  private static String address(LoadBalancerIngress ingress) {
    return ingress.getIp() != null ? ingress.getIp() : ingress.getHostname();
  }

  private Optional<Endpoint> endpointFromStatus(ManifestSet manifests, String namespace) {
    return services(manifests)
        .filter(service -> "LoadBalancer".equals(service.getSpec().getType()))
        .findFirst()
        .flatMap(service -> ingress(namespace, service.getMetadata().getName())
            .map(host -> new Endpoint(host, service.getSpec().getPorts().get(0).getPort())));
  }

  /** The endpoint that needs no waiting: a ClusterIP Service's DNS name. */
  static Optional<Endpoint> knownEndpoint(ManifestSet manifests, String namespace) {
    return services(manifests)
        .filter(service -> "ClusterIP".equals(service.getSpec().getType()))
        .findFirst()
        .map(service -> new Endpoint(ServiceDns.host(service.getMetadata().getName(), namespace),
            service.getSpec().getPorts().get(0).getPort()));
  }

  private static java.util.stream.Stream<Service> services(ManifestSet manifests) {
    return manifests.manifests().stream().map(Manifest::resource)
        .filter(Service.class::isInstance).map(Service.class::cast);
  }

  private Optional<String> check(Condition condition) throws SqledgeException {
    try {
      return condition.pending().get();
    } catch (KubernetesClientException e) {
      throw new SqledgeException("sqledge: waiting for " + condition.what() + " failed",
          List.of(ApiErrors.describe(condition.what(), "", "reading", e, Optional.empty(),
              String.valueOf(client.getMasterUrl()))), e);
    }
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
