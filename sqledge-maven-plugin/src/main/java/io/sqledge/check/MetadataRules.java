package io.sqledge.check;

import io.sqledge.config.InstanceConfig;
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

  static void check(InstanceConfig config, Rules rules) {
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

  static void annotationKeys(Rules rules, String prefix, Map<String, String> map) {
    for (String name : map.keySet()) {
      if (!LABEL_NAME.matcher(name).matches()) {
        rules.error(prefix + "." + name, "the annotation name `" + name
                + "` is not a valid Kubernetes annotation key",
            "use a name such as `example.com/setting`: an optional DNS prefix and '/', then at"
                + " most 63 letters, digits, '-', '_' and '.'");
      }
    }
  }
}
