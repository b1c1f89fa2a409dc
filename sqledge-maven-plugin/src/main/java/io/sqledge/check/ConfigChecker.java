package io.sqledge.check;

import io.sqledge.config.ComputeResources;
import io.sqledge.config.EngineConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.ServiceConfig;
import io.sqledge.config.SourceMap;
import io.sqledge.config.StorageConfig;
import io.sqledge.diagnostic.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a loaded configuration against the rules that Kubernetes and SQL Server will apply later,
 * so that a mistake fails the build with the line to fix instead of a pod that never starts.
 *
 * <p>Every rule adds to the same {@link Problems}: one run reports every error.
 */
public final class ConfigChecker {

  /** In-tree provisioners removed from Kubernetes, and the CSI driver that replaced each. */
  static final Map<String, String> REMOVED_PROVISIONERS =
      Map.of(
          "kubernetes.io/azure-disk", "disk.csi.azure.com",
          "kubernetes.io/aws-ebs", "ebs.csi.aws.com",
          "kubernetes.io/gce-pd", "pd.csi.storage.gke.io",
          "kubernetes.io/cinder", "cinder.csi.openstack.org",
          "kubernetes.io/vsphere-volume", "csi.vsphere.vmware.com");

  /** Settings that have a typed field; setting them through {@code engine.env} would fight it. */
  static final Map<String, String> TYPED_ENV =
      Map.of(
          "ACCEPT_EULA", "engine.acceptEula",
          "MSSQL_PID", "engine.edition",
          "MSSQL_AGENT_ENABLED", "engine.agentEnabled",
          "MSSQL_COLLATION", "engine.collation",
          "MSSQL_LCID", "engine.lcid",
          "MSSQL_MEMORY_LIMIT_MB", "engine.memoryLimitMb",
          "MSSQL_TCP_PORT", "engine.tcpPort");

  static final Set<String> PASSWORD_ENV = Set.of("MSSQL_SA_PASSWORD", "SA_PASSWORD");

  private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private ConfigChecker() {}

  public static void check(InstanceConfig config, Problems problems) {
    DeclaredRules.check(config, problems);
    Rules rules = new Rules(config.sources(), problems);
    rules.name("name", config.name(), KubernetesNames::dns1035Label,
        "it names the Deployment and the Service, so it must be a DNS-1035 label");
    if (!config.namespace().isEmpty()) {
      rules.name("namespace", config.namespace(), KubernetesNames::dns1123Label,
          "a namespace name must be a DNS-1123 label");
    }
    checkEngine(config.engine(), rules);
    checkStorage(config.storage(), rules);
    checkService(config.service(), rules);
    checkResources(config, rules);
    checkHighAvailability(config, rules);
    checkMetadata(config, rules);
    checkScheduling(config, rules);
  }

  private static void checkEngine(EngineConfig engine, Rules rules) {
    String image = engine.image();
    if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      rules.error("engine.image", "`engine.image` must be an image reference without spaces",
          "for example `engine.image: " + Engine.SUCCESSOR_IMAGE + "`");
    }
    Engine kind = Engine.of(image);
    if (kind == Engine.AZURE_SQL_EDGE) {
      rules.warning("engine.image",
          "Azure SQL Edge was retired on 2025-09-30 and gets no more fixes",
          "move to SQL Server on Linux: `engine.image: " + Engine.SUCCESSOR_IMAGE
              + "` (and an edition it accepts, such as `Developer`)");
    }
    boolean floating = Engine.tagOf(image)
        .map(tag -> tag.equals("latest") || tag.endsWith("-latest"))
        .orElse(!image.contains("@"));
    if (floating) {
      rules.warning("engine.image",
          "the image `" + image + "` is not pinned to a version: every restart may run another one",
          "name a version tag, such as `:2022-CU20-ubuntu-22.04` or `:1.0.7`");
    }
    if (!kind.accepts(engine.edition())) {
      rules.error("engine.edition",
          "`engine.edition` is `" + engine.edition() + "`, which " + describe(kind)
              + " does not accept",
          "use one of " + String.join(", ", kind.editions())
              + (kind == Engine.AZURE_SQL_EDGE ? "" : ", or a product key #####-#####-#####-#####-#####"));
    }
    if (!engine.acceptEula()) {
      rules.error("engine.acceptEula",
          "`engine.acceptEula` is false, but the SQL Server container refuses to start without"
              + " ACCEPT_EULA=Y",
          "read the license terms and set `engine.acceptEula: true`");
    }
    if (!COLLATION.matcher(engine.collation()).matches()) {
      rules.error("engine.collation",
          "`engine.collation` must be a collation name such as SQL_Latin1_General_CP1_CI_AS",
          "list the valid names with SELECT name FROM sys.fn_helpcollations()");
    }
    for (String name : engine.env().keySet()) {
      String path = "engine.env." + name;
      if (PASSWORD_ENV.contains(name.toUpperCase(Locale.ROOT))) {
        // The value is a password: name the key only.
        rules.error(path, "the SA password must not be written in the configuration file ("
                + "`" + path + "`)",
            "remove it; the password comes from the Secret named by `engine.saPassword`");
        continue;
      }
      if (TYPED_ENV.containsKey(name)) {
        rules.error(path, "`" + name + "` is set by `" + TYPED_ENV.get(name) + "`",
            "remove it from `engine.env` and set `" + TYPED_ENV.get(name) + "` instead");
        continue;
      }
      KubernetesNames.envVarName(name).ifPresent(why -> rules.error(path,
          "the environment variable name `" + name + "` " + why, "rename it"));
    }
    rules.name("engine.saPassword.secretName", engine.saPassword().secretName(),
        KubernetesNames::dns1123Subdomain, "it names a Secret");
    String key = engine.saPassword().secretKey();
    KubernetesNames.secretKey(key).ifPresent(why -> rules.error("engine.saPassword.secretKey",
        "`engine.saPassword.secretKey` `" + key + "` " + why, "use MSSQL_SA_PASSWORD"));
  }

  /** Provisioners whose volumes live on one node: a pod using them cannot fail over elsewhere. */
  static final Set<String> NODE_LOCAL_PROVISIONERS =
      Set.of("rancher.io/local-path", "kubernetes.io/no-provisioner", "openebs.io/local",
          "topolvm.io", "local.csi.openebs.io");

  private static void checkStorage(StorageConfig storage, Rules rules) {
    if (storage.className().isEmpty()) {
      if (storage.createClass()) {
        rules.error("storage.className", "`storage.className` is empty, but"
            + " `storage.createClass` is true", "name the class to create, such as `sqledge-disk`");
      }
    } else {
      rules.name("storage.className", storage.className(), KubernetesNames::dns1123Subdomain,
          "it names a StorageClass");
    }
    if (storage.createClass() && NODE_LOCAL_PROVISIONERS.contains(storage.provisioner())) {
      rules.warning("storage.provisioner", "`" + storage.provisioner() + "` keeps the database"
              + " on one node's disk: if that node fails, the pod cannot fail over to another node",
          "use a network-attached CSI driver for high availability (platform aks, eks or gke)");
    }
    rules.name("storage.claimName", storage.claimName(), KubernetesNames::dns1123Subdomain,
        "it names a PersistentVolumeClaim");
    String replacement = REMOVED_PROVISIONERS.get(storage.provisioner());
    if (storage.createClass() && replacement != null) {
      rules.error("storage.provisioner",
          "the in-tree provisioner `" + storage.provisioner()
              + "` was removed from Kubernetes (azure-disk and aws-ebs in 1.27); the CSI driver `"
              + replacement + "` serves its disks now",
          "use its CSI driver: `storage.provisioner: " + replacement + "`");
    } else if (storage.createClass() && storage.provisioner().isBlank()) {
      rules.error("storage.provisioner", "`storage.provisioner` is empty",
          "name the cluster's CSI driver, such as disk.csi.azure.com or ebs.csi.aws.com");
    }
    for (String name : storage.parameters().keySet()) {
      if (name.isBlank()) {
        rules.error("storage.parameters", "a StorageClass parameter has an empty name",
            "remove it");
      }
    }
    Optional<BigDecimal> size = Quantities.parse(storage.size());
    if (size.isEmpty()) {
      rules.error("storage.size",
          "`storage.size` is `" + storage.size() + "`, which is not a Kubernetes quantity",
          Quantities.suggest(storage.size()).map(s -> "write `size: " + s + "`")
              .orElse("write a number with a unit, such as `8Gi` (binary) or `8G` (decimal)"));
    } else if (size.get().signum() <= 0) {
      rules.error("storage.size", "`storage.size` is `" + storage.size()
          + "`, but a disk needs a positive size", "write a size such as `8Gi`");
    } else if (size.get().stripTrailingZeros().scale() > 0) {
      rules.error("storage.size", "`storage.size` is `" + storage.size()
          + "`, which is not a whole number of bytes (`m` means milli)",
          "write `Mi` for mebibytes, such as `8192Mi`");
    }
  }

  private static void checkService(ServiceConfig service, Rules rules) {
    boolean loadBalancer = "LoadBalancer".equals(service.type());
    for (int i = 0; i < service.loadBalancerSourceRanges().size(); i++) {
      String range = service.loadBalancerSourceRanges().get(i);
      if (!Cidrs.isCidr(range)) {
        rules.error("service.loadBalancerSourceRanges[" + i + "]", "`" + range
            + "` in `service.loadBalancerSourceRanges` is not a network in CIDR notation",
            "write it like `10.0.0.0/8` or `203.0.113.7/32`");
      }
    }
    String ip = service.loadBalancerIP();
    if (!ip.isEmpty() && !Cidrs.isAddress(ip)) {
      rules.error("service.loadBalancerIP", "`service.loadBalancerIP` is `" + ip
          + "`, which is not an IP address", "write it like `10.20.0.15`");
    }
    if (!loadBalancer && (service.internal() || !service.loadBalancerSourceRanges().isEmpty()
        || !ip.isEmpty())) {
      rules.warning("service.type", "`service.internal`, `service.loadBalancerSourceRanges` and"
          + " `service.loadBalancerIP` only apply to a LoadBalancer Service, and this one is "
          + service.type(), "");
    }
    if (service.internal() && service.internalAnnotations().isEmpty()) {
      rules.error("service.internal", "`service.internal` is true, but this platform has no"
              + " internal load-balancer annotation",
          "set `service.internalAnnotations` to your load balancer's, or choose a `platform`");
    }
    if (loadBalancer && !service.internal() && service.loadBalancerSourceRanges().isEmpty()) {
      rules.warning("service.type", "the LoadBalancer Service exposes SQL Server on port "
              + service.port() + " to the whole internet",
          "set `service.internal: true` for a private address, or"
              + " `service.loadBalancerSourceRanges` to the client networks");
    }
    annotationKeys(rules, "service.annotations", service.annotations());
    annotationKeys(rules, "service.internalAnnotations", service.internalAnnotations());
  }

  /** SQL Server needs at least 2 GiB of memory; below that it does not start. */
  static final BigDecimal MIN_MEMORY = BigDecimal.valueOf(2L * 1024 * 1024 * 1024);

  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);

  private static void checkResources(InstanceConfig config, Rules rules) {
    ComputeResources requests = config.resources().requests();
    ComputeResources limits = config.resources().limits();
    Optional<BigDecimal> cpuRequest =
        rules.quantity("resources.requests.cpu", requests.cpu(), "`1` or `500m`");
    Optional<BigDecimal> cpuLimit = rules.quantity("resources.limits.cpu", limits.cpu(), "`2`");
    Optional<BigDecimal> memoryRequest =
        rules.quantity("resources.requests.memory", requests.memory(), "`2Gi`");
    Optional<BigDecimal> memoryLimit =
        rules.quantity("resources.limits.memory", limits.memory(), "`4Gi`");
    memoryRequest.filter(m -> m.compareTo(MIN_MEMORY) < 0).ifPresent(m -> rules.error(
        "resources.requests.memory", "`resources.requests.memory` is `" + requests.memory()
            + "`, but SQL Server needs at least 2 GiB", "request at least `2Gi`"));
    memoryLimit.filter(m -> m.compareTo(MIN_MEMORY) < 0).ifPresent(m -> rules.error(
        "resources.limits.memory", "`resources.limits.memory` is `" + limits.memory()
            + "`, but SQL Server needs at least 2 GiB", "allow at least `2Gi`, better `4Gi`"));
    if (memoryRequest.isPresent() && memoryLimit.isPresent()
        && memoryRequest.get().compareTo(memoryLimit.get()) > 0) {
      rules.error("resources.requests.memory", "the memory request `" + requests.memory()
          + "` is larger than the limit `" + limits.memory() + "`",
          "raise `resources.limits.memory` or lower the request");
    }
    if (cpuRequest.isPresent() && cpuLimit.isPresent()
        && cpuRequest.get().compareTo(cpuLimit.get()) > 0) {
      rules.error("resources.requests.cpu", "the CPU request `" + requests.cpu()
          + "` is larger than the limit `" + limits.cpu() + "`",
          "raise `resources.limits.cpu` or lower the request");
    }
    long limitMb = config.engine().memoryLimitMb();
    if (limitMb > 0) {
      if (limitMb < 2048) {
        rules.error("engine.memoryLimitMb", "`engine.memoryLimitMb` is " + limitMb
            + ", but SQL Server needs at least 2048", "write 0 to derive it from the limit");
      }
      memoryLimit.map(m -> m.divide(MIB, RoundingMode.DOWN).longValue())
          .filter(containerMb -> limitMb > containerMb)
          .ifPresent(containerMb -> rules.error("engine.memoryLimitMb",
              "`engine.memoryLimitMb` is " + limitMb + ", more than the container's "
                  + containerMb + " MiB: the kernel would kill SQL Server before it trims its"
                  + " caches", "write 0 to use 80% of `resources.limits.memory`"));
    }
  }

  private static void checkHighAvailability(InstanceConfig config, Rules rules) {
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

  /** Labels the plugin sets itself; the selector depends on the first two. */
  static final Set<String> RESERVED_LABELS = Set.of("app.kubernetes.io/name",
      "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/managed-by");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private static void checkMetadata(InstanceConfig config, Rules rules) {
    config.labels().forEach((key, value) -> {
      String path = "labels." + key;
      if (RESERVED_LABELS.contains(key)) {
        rules.error(path, "the label `" + key + "` is set by sqledge (it selects the pods)",
            "choose another label name");
      } else if (!LABEL_NAME.matcher(key).matches()) {
        rules.error(path, "the label name `" + key + "` is not a valid Kubernetes label key",
            "use a name such as `example.com/team`: an optional DNS prefix and '/', then at"
                + " most 63 letters, digits, '-', '_' and '.'");
      } else if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        rules.error(path, "the value of label `" + key + "` is not a valid label value",
            "at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric");
      }
    });
    annotationKeys(rules, "annotations", config.annotations());
    annotationKeys(rules, "pod.annotations", config.pod().annotations());
  }

  private static void annotationKeys(Rules rules, String prefix, Map<String, String> map) {
    for (String name : map.keySet()) {
      if (!LABEL_NAME.matcher(name).matches()) {
        rules.error(prefix + "." + name, "the annotation name `" + name
                + "` is not a valid Kubernetes annotation key",
            "use a name such as `example.com/setting`: an optional DNS prefix and '/', then at"
                + " most 63 letters, digits, '-', '_' and '.'");
      }
    }
  }

  private static void checkScheduling(InstanceConfig config, Rules rules) {
    var pod = config.pod();
    if (!(pod.affinity() instanceof Map)) {
      rules.error("pod.affinity", "`pod.affinity` must be a map (a Kubernetes Affinity)",
          "write it as in a pod spec: `nodeAffinity:`, `podAntiAffinity:`, …");
    }
    if (!(pod.tolerations() instanceof List<?> tolerations)
        || !tolerations.stream().allMatch(Map.class::isInstance)) {
      rules.error("pod.tolerations", "`pod.tolerations` must be a list of tolerations (maps)",
          "write one `- key: …` item per toleration, as in a pod spec");
    }
    if (!pod.priorityClassName().isEmpty()) {
      rules.name("pod.priorityClassName", pod.priorityClassName(),
          KubernetesNames::dns1123Subdomain, "it names a PriorityClass");
    }
    for (int i = 0; i < pod.imagePullSecrets().size(); i++) {
      rules.name("pod.imagePullSecrets[" + i + "]", pod.imagePullSecrets().get(i),
          KubernetesNames::dns1123Subdomain, "it names a Secret");
    }
    pod.nodeSelector().keySet().stream().filter(key -> !LABEL_NAME.matcher(key).matches())
        .forEach(key -> rules.error("pod.nodeSelector." + key, "`" + key
            + "` is not a valid node label key", "use a node label such as `kubernetes.io/os`"));
  }

  private static String describe(Engine engine) {
    return switch (engine) {
      case AZURE_SQL_EDGE -> "Azure SQL Edge";
      case SQL_SERVER_2019 -> "SQL Server 2019";
      case SQL_SERVER_2022 -> "SQL Server 2022";
      case SQL_SERVER_2025 -> "SQL Server 2025";
      case CUSTOM -> "this image";
    };
  }

  /** The rule helpers, bound to the source map so that each error points at its value. */
  private record Rules(SourceMap sources, Problems problems) {

    void error(String path, String message, String fix) {
      problems.error(sources.at(path), path, message, fix);
    }

    void warning(String path, String message, String fix) {
      problems.warning(sources.at(path), path, message, fix);
    }

    void name(String path, String value, Function<String, Optional<String>> rule, String why) {
      rule.apply(value).ifPresent(problem -> error(path,
          "`" + path + "` `" + value + "` " + problem + " (" + why + ")",
          "for example `" + KubernetesNames.suggest(value) + "`"));
    }

    Optional<BigDecimal> quantity(String path, String value, String example) {
      Optional<BigDecimal> parsed = Quantities.parse(value);
      if (parsed.isEmpty()) {
        error(path, "`" + path + "` is `" + value + "`, which is not a Kubernetes quantity",
            Quantities.suggest(value).map(s -> "write `" + s + "`").orElse("write it like " + example));
      } else if (parsed.get().signum() <= 0) {
        error(path, "`" + path + "` is `" + value + "`, but it must be positive", "write it like " + example);
        return Optional.empty();
      }
      return parsed;
    }

  }
}
