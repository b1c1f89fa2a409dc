package io.sqledge.render;

import io.sqledge.config.InstanceConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the failover guard's templates ({@code failover-guard-*.yaml.ftl}) see as
 * {@code failoverGuard}: its names, its labels (which never select the database's pods), the
 * label selector its script finds the database by, and the script itself
 * ({@code templates/failover-guard.sh}, shipped beside the templates).
 */
public final class FailoverGuardModel {

  /** The guard's {@code app.kubernetes.io/name}, and the component its Events come from. */
  public static final String GUARD = "sqledge-failover-guard";

  /** The script, as the cluster runs it from the guard's ConfigMap. */
  static final String SCRIPT_RESOURCE = BundledTemplates.CLASS_PATH_ROOT + "/failover-guard.sh";

  private static final String SCRIPT = BundledResource.text(SCRIPT_RESOURCE);
  private static final String SCRIPT_SHA256 = BundledResource.sha256(SCRIPT);

  /** How often the guard looks: a few seconds, against the tens the controllers take. */
  static final int POLL_SECONDS = 5;

  private FailoverGuardModel() {}

  static Map<String, Object> of(InstanceConfig config) {
    String name = config.name() + "-failover-guard";
    Map<String, String> selectorLabels = new LinkedHashMap<>();
    selectorLabels.put("app.kubernetes.io/name", GUARD);
    selectorLabels.put("app.kubernetes.io/instance", config.name());
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels);
    labels.put("app.kubernetes.io/component", "failover-guard");
    labels.put("app.kubernetes.io/managed-by", ManifestModel.MANAGED_BY);
    config.labels().forEach(labels::putIfAbsent);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", name);
    // Cluster-scoped: the namespace and the instance name (DNS labels, without dots) keep each
    // instance's role apart.
    model.put("clusterRoleName", GUARD + "." + config.namespace() + "." + config.name());
    model.put("labels", labels);
    model.put("selectorLabels", selectorLabels);
    model.put("databaseSelector", ManifestModel.selectorLabels(config).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    // The user's node selection only: the image is built for every common architecture.
    model.put("nodeSelector", config.pod().nodeSelector());
    model.put("pollSeconds", POLL_SECONDS);
    model.put("script", SCRIPT);
    model.put("scriptChecksum", SCRIPT_SHA256);
    return model;
  }
}
