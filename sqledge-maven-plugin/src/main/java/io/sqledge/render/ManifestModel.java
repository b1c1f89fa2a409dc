package io.sqledge.render;

import io.sqledge.config.EngineConfig;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.StorageConfig;
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
    model.put("selectorLabels", selectorLabels(config));
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels(config));
    labels.put("app.kubernetes.io/component", "database");
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    model.put("labels", labels);
    model.put("engine", engine(config.engine()));
    model.put("storage", storage(config.storage()));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("type", config.service().type());
    service.put("port", config.service().port());
    service.put("annotations", config.service().annotations());
    model.put("service", service);
    model.put("pod", Map.of("fsGroup", config.pod().fsGroup()));
    return model;
  }

  /** The labels that select the instance's pods: stable for the life of the instance. */
  static Map<String, String> selectorLabels(InstanceConfig config) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "mssql");
    labels.put("app.kubernetes.io/instance", config.name());
    return labels;
  }

  private static Map<String, Object> engine(EngineConfig engine) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("image", engine.image());
    model.put("edition", engine.edition());
    model.put("agentEnabled", engine.agentEnabled());
    model.put("collation", engine.collation());
    model.put("lcid", engine.lcid());
    model.put("acceptEula", engine.acceptEula());
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
