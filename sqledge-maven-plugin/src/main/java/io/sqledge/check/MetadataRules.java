package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Labels and annotations, as the API server will check their keys and values. */
final class MetadataRules {

  private MetadataRules() {}

  static final Pattern LABEL_NAME =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  /** Labels the plugin sets itself; the selector depends on the first two. */
  static final Set<String> RESERVED_LABELS = Set.of("app.kubernetes.io/name",
      "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/managed-by");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /** The API server's limit on the annotations of one object, keys and values together. */
  static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  /** Whether {@code key} is a label or annotation key: an optional prefix of at most 253. */
  static boolean isKey(String key) {
    int slash = key.indexOf('/');
    return LABEL_NAME.matcher(key).matches() && slash <= 253;
  }

  /** Whether {@code value} is a label value: at most 63, alphanumeric at both ends. */
  static boolean isLabelValue(String value) {
    return value.length() <= KubernetesNames.LABEL_MAX && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * Refuses annotations that together exceed what the API server stores for one object; true
   * when they fit.
   */
  static boolean annotationSize(Rules rules, String path, Map<String, String> annotations) {
    long bytes = annotations.entrySet().stream().mapToLong(entry ->
        entry.getKey().getBytes(StandardCharsets.UTF_8).length
            + entry.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      rules.error(path, "the annotations of one object add up to " + bytes + " bytes, more than"
          + " the " + ANNOTATIONS_MAX_BYTES + " the API server accepts",
          "keep large data out of annotations (a ConfigMap holds up to 1 MiB)");
      return false;
    }
    return true;
  }

  static void check(InstanceConfig config, Rules rules) {
    config.labels().forEach((key, value) -> {
      String path = "labels." + key;
      if (RESERVED_LABELS.contains(key)) {
        rules.error(path, "the label `" + key + "` is set by sqledge (it selects the pods)",
            "choose another label name");
      } else if (!isKey(key)) {
        rules.error(path, "the label name `" + Problem.shorten(key)
                + "` is not a valid Kubernetes label key",
            "use a name such as `example.com/team`: an optional DNS prefix and '/', then at"
                + " most 63 letters, digits, '-', '_' and '.'");
      } else if (!isLabelValue(value)) {
        rules.error(path, "the value of label `" + key + "` is not a valid label value",
            "at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric");
      }
    });
    annotationKeys(rules, "annotations", config.annotations());
    annotationKeys(rules, "pod.annotations", config.pod().annotations());
    annotationSize(rules, "pod.annotations", config.pod().annotations());
    if (annotationSize(rules, "annotations", config.annotations())) {
      // The Service carries the top-level annotations and its own.
      Map<String, String> service = new LinkedHashMap<>(config.annotations());
      service.putAll(config.service().effectiveAnnotations());
      annotationSize(rules, "service.annotations", service);
    }
  }

  static void annotationKeys(Rules rules, String prefix, Map<String, String> map) {
    for (String name : map.keySet()) {
      if (!isKey(name)) {
        rules.error(prefix + "." + name, "the annotation name `" + Problem.shorten(name)
                + "` is not a valid Kubernetes annotation key",
            "use a name such as `example.com/setting`: an optional DNS prefix and '/', then at"
                + " most 63 letters, digits, '-', '_' and '.'");
      }
    }
  }
}
