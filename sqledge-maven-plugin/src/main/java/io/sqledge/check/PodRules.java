package io.sqledge.check;

import io.sqledge.config.ComputeResources;
import io.sqledge.config.Engine;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.verify.ValueSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The pod: its resources, its failover and shutdown budget, and where it may be scheduled. */
final class PodRules {

  private PodRules() {}

  /** SQL Server needs at least 2 GiB of memory; below that it does not start. */
  static final BigDecimal MIN_MEMORY = BigDecimal.valueOf(2L * 1024 * 1024 * 1024);

  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);

  static void checkResources(InstanceConfig config, Rules rules) {
    ComputeResources requests = config.resources().requests();
    ComputeResources limits = config.resources().limits();
    Optional<BigDecimal> cpuRequest =
        rules.quantity("resources.requests.cpu", requests.cpu(), "`1` or `500m`");
    Optional<BigDecimal> cpuLimit = rules.quantity("resources.limits.cpu", limits.cpu(), "`2`");
    Optional<BigDecimal> memoryLimit =
        rules.quantity("resources.limits.memory", limits.memory(), "`4Gi`");
    // An empty request is the limit (InstanceConfig.memoryRequest): only a written one is checked.
    Optional<BigDecimal> memoryRequest = requests.memory().isEmpty() ? Optional.empty()
        : rules.quantity("resources.requests.memory", requests.memory(), "`2Gi`");
    memoryRequest.filter(m -> m.compareTo(MIN_MEMORY) < 0).ifPresent(m -> rules.error(
        "resources.requests.memory", "`resources.requests.memory` is `" + requests.memory()
            + "`, but SQL Server needs at least 2 GiB", "request at least `2Gi`"));
    memoryLimit.filter(m -> m.compareTo(MIN_MEMORY) < 0).ifPresent(m -> rules.error(
        "resources.limits.memory", "`resources.limits.memory` is `" + limits.memory()
            + "`, but SQL Server needs at least 2 GiB", "allow at least `2Gi`, better `4Gi`"));
    if (memoryRequest.isPresent() && memoryLimit.isPresent()
        && memoryRequest.get().compareTo(memoryLimit.get()) > 0) {
      rules.error(List.of("resources.requests.memory", "resources.limits.memory"),
          "the memory request `" + requests.memory()
          + "` is larger than the limit `" + limits.memory() + "`",
          "raise `resources.limits.memory` or lower the request");
    } else if (memoryRequest.isPresent() && memoryLimit.isPresent()
        && memoryRequest.get().compareTo(memoryLimit.get()) < 0) {
      rules.warning("resources.requests.memory", "the memory request `" + requests.memory()
              + "` is below the limit `" + limits.memory() + "`: SQL Server grows its buffer pool"
              + " towards `MSSQL_MEMORY_LIMIT_MB`, so the pod"
              + " runs above its request and is among the first evicted when its node runs short"
              + " of memory", "remove `resources.requests.memory` (the request is then the limit)"
              + " or set it to `" + limits.memory() + "`");
    }
    if (cpuRequest.isPresent() && cpuLimit.isPresent()
        && cpuRequest.get().compareTo(cpuLimit.get()) > 0) {
      rules.error(List.of("resources.requests.cpu", "resources.limits.cpu"),
          "the CPU request `" + requests.cpu()
          + "` is larger than the limit `" + limits.cpu() + "`",
          "raise `resources.limits.cpu` or lower the request");
    }
    Optional<BigDecimal> diskRequest = rules.quantity("resources.requests.ephemeralStorage",
        requests.ephemeralStorage(), "`256Mi`");
    Optional<BigDecimal> diskLimit = rules.quantity("resources.limits.ephemeralStorage",
        limits.ephemeralStorage(), "`2Gi`");
    if (diskRequest.isPresent() && diskLimit.isPresent()
        && diskRequest.get().compareTo(diskLimit.get()) > 0) {
      rules.error(List.of("resources.requests.ephemeralStorage",
              "resources.limits.ephemeralStorage"), "the local-disk request `"
              + requests.ephemeralStorage() + "` is larger than the limit `"
              + limits.ephemeralStorage() + "`",
          "raise `resources.limits.ephemeralStorage` or lower the request");
    }
    long limitMb = config.engine().memoryLimitMb();
    if (limitMb > 0) {
      if (limitMb < InstanceConfig.MIN_MEMORY_MB) {
        rules.error("engine.memoryLimitMb", "`engine.memoryLimitMb` is " + limitMb
            + ", but SQL Server needs at least " + InstanceConfig.MIN_MEMORY_MB,
            "write 0 to derive it from the limit");
      }
      memoryLimit.map(m -> m.divide(MIB, RoundingMode.DOWN).longValue())
          .filter(containerMb -> limitMb > containerMb)
          .ifPresent(containerMb -> rules.error("engine.memoryLimitMb",
              "`engine.memoryLimitMb` is " + limitMb + ", more than the container's "
                  + containerMb + " MiB: the kernel would kill SQL Server before it trims its"
                  + " caches", "write 0 to use 80% of `resources.limits.memory` (at least 2048)"));
    }
  }

  /**
   * The longest StatefulSet name: its controller labels each pod {@code controller-revision-hash:
   * <name>-<hash>}, the hash up to 10 characters, and a label value has at most 63. Longer names
   * are accepted by the API server, but the controller's pods are refused — seen on the simulated
   * cluster with a name of 53 (StatefulSetNameTest). The headless Service {@code <name>-headless}
   * fits within this too.
   */
  static final int STATEFUL_NAME_MAX = KubernetesNames.LABEL_MAX - "-".length() - 10;

  static void checkHighAvailability(InstanceConfig config, Rules rules) {
    if (config.ha().workload().equals("StatefulSet")) {
      int length = config.name().length();
      if (length > STATEFUL_NAME_MAX && length <= KubernetesNames.LABEL_MAX) {
        rules.error("name", "`name` has " + length + " characters; a StatefulSet labels its pods"
                + " `controller-revision-hash: <name>-<hash>` (a hash of up to 10 characters),"
                + " which must fit in " + KubernetesNames.LABEL_MAX + ", or the StatefulSet"
                + " controller cannot create the pod",
            "use at most " + STATEFUL_NAME_MAX + " characters for a StatefulSet");
      }
      // The pods mount the volumeClaimTemplate by its name, and a volume name is a DNS-1123 label.
      if (KubernetesNames.dns1123Subdomain(config.storage().claimName()).isEmpty()) {
        rules.name("storage.claimName", config.storage().claimName(),
            KubernetesNames::dns1123Label, "a StatefulSet's pods mount the claim template by this"
                + " name");
      }
    }
    long failover = config.ha().failoverSeconds();
    if (failover > 300 && failover <= 3600) {
      rules.warning("ha.failoverSeconds", "`ha.failoverSeconds` is " + failover
          + ", slower than Kubernetes' default of 300", "use 30 for a fast failover");
    }
    var probes = config.probes();
    if (probes.startup().budgetSeconds() < 120) {
      rules.warning("probes.startup", "the startup probe gives SQL Server "
          + probes.startup().budgetSeconds() + "s to start; a first start or crash recovery can"
          + " take minutes, and the pod would be restarted in a loop",
          "give it at least 120s (`periodSeconds` × `failureThreshold`)");
    }
    long grace = config.pod().terminationGracePeriodSeconds();
    if (grace >= 0 && grace < 30) {
      rules.warning("pod.terminationGracePeriodSeconds", "SQL Server gets only " + grace
          + "s to shut down cleanly", "use at least 30, better 120");
    }
  }

  static void checkScheduling(InstanceConfig config, Rules rules) {
    var pod = config.pod();
    if (!(pod.affinity() instanceof Map<?, ?> affinity)) {
      rules.error("pod.affinity", "`pod.affinity` must be a map (a Kubernetes Affinity)",
          "write it as in a pod spec: `nodeAffinity:`, `podAntiAffinity:`, …");
    } else {
      schema(rules, "pod.affinity", ValueSchema.AFFINITY, affinity, ApiServerRules::affinity);
    }
    if (!(pod.tolerations() instanceof List<?> tolerations)
        || !tolerations.stream().allMatch(Map.class::isInstance)) {
      rules.error("pod.tolerations", "`pod.tolerations` must be a list of tolerations (maps)",
          "write one `- key: …` item per toleration, as in a pod spec");
    } else {
      for (int i = 0; i < tolerations.size(); i++) {
        schema(rules, "pod.tolerations[" + i + "]", ValueSchema.TOLERATION,
            (Map<?, ?>) tolerations.get(i), ApiServerRules::toleration);
      }
    }
    if (!config.network().policy() && config.network().allowFrom() instanceof List<?> listed
        && !listed.isEmpty()) {
      rules.error("network.allowFrom", "`network.allowFrom` names peers, but `network.policy`"
          + " is false, so no NetworkPolicy admits them or refuses anyone else",
          "remove `network.policy: false`, or remove `network.allowFrom`");
    }
    checkPeers(rules, "network.allowFrom", config.network().allowFrom());
    if (!pod.priorityClassName().isEmpty()) {
      rules.name("pod.priorityClassName", pod.priorityClassName(),
          KubernetesNames::dns1123Subdomain, "it names a PriorityClass");
    }
    for (int i = 0; i < pod.imagePullSecrets().size(); i++) {
      rules.name("pod.imagePullSecrets[" + i + "]", pod.imagePullSecrets().get(i),
          KubernetesNames::dns1123Subdomain, "it names a Secret");
    }
    String arch = pod.nodeSelector().getOrDefault(Engine.ARCH_LABEL, "amd64");
    if (Engine.of(config.engine().image()).amd64Only() && !arch.equals("amd64")) {
      rules.error("pod.nodeSelector." + Engine.ARCH_LABEL, "the pod is pinned to `"
              + Problem.shorten(arch) + "` nodes, but `" + Problem.shorten(config.engine().image())
              + "` is built for amd64 only: its container would never start there",
          "remove `" + Engine.ARCH_LABEL + "` from `pod.nodeSelector` (amd64 is pinned for these"
              + " images), or use an image built for " + Problem.shorten(arch));
    }
    pod.nodeSelector().forEach((key, value) -> {
      String path = "pod.nodeSelector." + key;
      if (!MetadataRules.isKey(key)) {
        rules.error(path, "`" + Problem.shorten(key) + "` is not a valid node label key",
            "use a node label such as `kubernetes.io/os`");
      } else if (!MetadataRules.isLabelValue(value)) {
        rules.error(path, "the value of node label `" + key + "` is not a valid label value",
            "at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric");
      }
    });
  }

  /**
   * A free-form value against its Kubernetes type, then, once it fits the schema, against the API
   * server's validation code for that type; each violation at the key that holds it.
   */
  @SuppressWarnings("unchecked")
  private static void schema(Rules rules, String path, String type, Map<?, ?> value,
      Function<Map<String, Object>, List<ValueSchema.Violation>> serverRules) {
    List<ValueSchema.Violation> violations = ValueSchema.check(type, (Map<String, Object>) value);
    if (violations.isEmpty()) {
      violations = serverRules.apply((Map<String, Object>) value);
    }
    for (ValueSchema.Violation violation : violations) {
      String at = violation.path().isEmpty() ? path : path + "." + violation.path();
      rules.error(path, "`" + at + "`: " + violation.message(), violation.fix());
    }
  }

  /**
   * NetworkPolicy peers written as in a policy's {@code from} ({@code network.allowFrom}, {@code
   * metrics.allowFrom}): a list of maps, each checked against the Kubernetes type where it was
   * written.
   */
  static void checkPeers(Rules rules, String path, Object value) {
    if (!(value instanceof List<?> peers) || !peers.stream().allMatch(Map.class::isInstance)) {
      rules.error(path, "`" + path + "` must be a list of NetworkPolicy peers (maps)",
          "write one `- podSelector: …`, `- namespaceSelector: …` or `- ipBlock: {cidr: …}`"
              + " item per peer, as in a NetworkPolicy's `from`");
      return;
    }
    for (int i = 0; i < peers.size(); i++) {
      String at = path + "[" + i + "]";
      schema(rules, at, ValueSchema.NETWORK_POLICY_PEER, (Map<?, ?>) peers.get(i),
          ApiServerRules::networkPolicyPeer);
      if (((Map<?, ?>) peers.get(i)).get("ipBlock") instanceof Map<?, ?> block) {
        List<Object> networks = new ArrayList<>(List.of(String.valueOf(block.get("cidr"))));
        if (block.get("except") instanceof List<?> except) {
          networks.addAll(except);
        }
        for (Object network : networks) {
          Cidrs.warnLeadingZeros(rules, at, String.valueOf(network));
        }
      }
    }
  }
}
