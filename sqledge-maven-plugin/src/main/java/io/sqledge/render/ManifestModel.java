package io.sqledge.render;

import io.sqledge.check.Quantities;
import io.sqledge.config.EngineConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.ProbeConfig;
import io.sqledge.config.StorageConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data model the templates see: the checked configuration as nested maps, plus the labels
 * derived from it. It is documented in the README ("Templates"), since user templates read it too.
 */
public final class ManifestModel {

  /** The plugin's name, as Kubernetes' recommended {@code app.kubernetes.io/managed-by} label. */
  public static final String MANAGED_BY = "sqledge-maven-plugin";

  private ManifestModel() {}

  public static Map<String, Object> of(InstanceConfig config) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", config.name());
    model.put("namespace", config.namespace());
    model.put("platform", config.platform());
    model.put("selectorLabels", selectorLabels(config));
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels(config));
    labels.put("app.kubernetes.io/component", "database");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    model.put("labels", labels);
    model.put("annotations", config.annotations());
    model.put("engine", engine(config.engine(), memoryLimitMb(config)));
    model.put("storage", storage(config.storage()));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("type", config.service().type());
    service.put("port", config.service().port());
    Map<String, String> serviceAnnotations = new LinkedHashMap<>(config.annotations());
    serviceAnnotations.putAll(config.service().effectiveAnnotations());
    service.put("annotations", serviceAnnotations);
    service.put("internal", config.service().internal());
    service.put("loadBalancerSourceRanges", config.service().loadBalancerSourceRanges());
    service.put("loadBalancerIP", config.service().loadBalancerIP());
    model.put("service", service);
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("fsGroup", config.pod().fsGroup());
    pod.put("terminationGracePeriodSeconds", config.pod().terminationGracePeriodSeconds());
    pod.put("annotations", config.pod().annotations());
    pod.put("nodeSelector", config.pod().nodeSelector());
    pod.put("affinity", config.pod().affinity());
    pod.put("tolerations", config.pod().tolerations());
    pod.put("priorityClassName", config.pod().priorityClassName());
    pod.put("imagePullSecrets", config.pod().imagePullSecrets());
    model.put("pod", pod);
    model.put("resources", Map.of(
        "requests", Map.of("cpu", config.resources().cpuRequest(),
            "memory", config.resources().memoryRequest()),
        "limits", Map.of("cpu", config.resources().cpuLimit(),
            "memory", config.resources().memoryLimit())));
    model.put("ha", Map.of("workload", config.ha().workload(),
        "failoverSeconds", config.ha().failoverSeconds()));
    model.put("probes", Map.of(
        "startup", probe(config.probes().startup()),
        "readiness", probe(config.probes().readiness()),
        "liveness", probe(config.probes().liveness())));
    return model;
  }

  private static Map<String, Object> probe(ProbeConfig probe) {
    return Map.of(
        "periodSeconds", probe.periodSeconds(),
        "failureThreshold", probe.failureThreshold(),
        "timeoutSeconds", probe.timeoutSeconds());
  }

  /**
   * {@code MSSQL_MEMORY_LIMIT_MB}: as configured, or 80% of the container's memory limit, so that
   * SQL Server trims its caches before the kernel's OOM killer ends it.
   */
  static long memoryLimitMb(InstanceConfig config) {
    if (config.engine().memoryLimitMb() > 0) {
      return config.engine().memoryLimitMb();
    }
    BigDecimal bytes = Quantities.parse(config.resources().memoryLimit()).orElseThrow();
    return bytes.multiply(BigDecimal.valueOf(8)).divide(BigDecimal.valueOf(10L * 1024 * 1024),
        RoundingMode.DOWN).longValue();
  }

  /** The labels that select the instance's pods: stable for the life of the instance. */
  static Map<String, String> selectorLabels(InstanceConfig config) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "mssql");
    labels.put("app.kubernetes.io/instance", config.name());
    return labels;
  }

  private static Map<String, Object> engine(EngineConfig engine, long memoryLimitMb) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("image", engine.image());
    model.put("edition", engine.edition());
    model.put("agentEnabled", engine.agentEnabled());
    model.put("collation", engine.collation());
    model.put("lcid", engine.lcid());
    model.put("acceptEula", engine.acceptEula());
    model.put("memoryLimitMb", memoryLimitMb);
    model.put("tcpPort", engine.tcpPort());
    model.put("env", engine.env());
    model.put(
        "saPassword",
        Map.of(
            "secretName", engine.saPassword().secretName(),
            "secretKey", engine.saPassword().secretKey()));
    return model;
  }

  private static Map<String, Object> storage(StorageConfig storage) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("createClass", storage.createClass());
    model.put("className", storage.className());
    model.put("provisioner", storage.provisioner());
    model.put("parameters", storage.parameters());
    model.put("reclaimPolicy", storage.reclaimPolicy());
    model.put("volumeBindingMode", storage.volumeBindingMode());
    model.put("allowVolumeExpansion", storage.allowVolumeExpansion());
    model.put("claimName", storage.claimName());
    model.put("size", storage.size());
    model.put("accessMode", storage.accessMode());
    return model;
  }
}
