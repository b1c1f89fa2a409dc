package io.sqledge.check;

import io.sqledge.diagnostic.Problem;
import io.sqledge.verify.ValueSchema.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's validation code for the Kubernetes fragments the configuration passes through
 * ({@code pod.tolerations}, {@code pod.affinity}, {@code network.allowFrom}): the rules the
 * OpenAPI schema cannot say, which the server applies after it. Each rule cites the function of
 * Kubernetes 1.34 it follows. A fragment is checked here only once it has passed the schema, so
 * every value has its schema type.
 *
 * <p>The differential test ({@code FragmentDifferentialTest}) holds these rules to a real API
 * server over thousands of generated fragments per run.
 *
 * <p>It is longer than most classes because it mirrors one body of Go code rule by rule: the
 * three fragment types share the label-selector, label-key, label-value and weight rules, and
 * keeping them beside each other makes a rule easy to hold against its function.
 */
final class ApiServerRules {

  private ApiServerRules() {}

  private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
  private static final Set<String> TAINT_EFFECTS =
      Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  /**
   * pkg/apis/core/validation/validation.go, ValidateTolerations: the key a qualified name; an
   * empty key only with {@code Exists}; {@code tolerationSeconds} only with {@code NoExecute};
   * {@code Equal} (or none) with a label value, {@code Exists} with none; validateTaintEffect.
   */
  static List<Violation> toleration(Map<String, Object> toleration) {
    List<Violation> violations = new ArrayList<>();
    String key = text(toleration.get("key"));
    String operator = text(toleration.get("operator"));
    String value = text(toleration.get("value"));
    String effect = text(toleration.get("effect"));
    if (!key.isEmpty()) {
      qualifiedName(violations, "key", key);
    } else if (!operator.equals("Exists")) {
      violations.add(new Violation("operator", "`operator` must be Exists when `key` is empty"
          + " (a toleration of every taint)", "write `operator: Exists`, or give a `key`"));
    }
    if (toleration.get("tolerationSeconds") != null && !effect.equals("NoExecute")) {
      violations.add(new Violation("effect", "`tolerationSeconds` is set, so `effect` must be"
          + " NoExecute (it is how long the pod stays once such a taint appears)",
          "write `effect: NoExecute`, or remove `tolerationSeconds`"));
    }
    if (operator.isEmpty() || operator.equals("Equal")) {
      labelValue(violations, "value", value);
    } else if (operator.equals("Exists")) {
      if (!value.isEmpty()) {
        violations.add(new Violation("value", "`value` must be empty when `operator` is Exists",
            "remove `value`, or write `operator: Equal`"));
      }
    } else {
      violations.add(new Violation("operator", "`operator` must be Equal or Exists, not `"
          + shown(operator) + "`", "write `operator: Equal` or `operator: Exists`"));
    }
    if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
      violations.add(new Violation("effect", "`effect` must be NoSchedule, PreferNoSchedule or"
          + " NoExecute, not `" + shown(effect) + "`", "use one of them, or leave `effect` out"
          + " to tolerate every effect"));
    }
    return violations;
  }

  /** validation.go, ValidateAffinity: its node affinity, pod affinity and pod anti-affinity. */
  static List<Violation> affinity(Map<String, Object> affinity) {
    List<Violation> violations = new ArrayList<>();
    if (affinity.get("nodeAffinity") instanceof Map<?, ?> node) {
      nodeAffinity(violations, "nodeAffinity", node);
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      if (affinity.get(kind) instanceof Map<?, ?> pod) {
        podAffinity(violations, kind, pod);
      }
    }
    return violations;
  }

  /**
   * pkg/apis/networking/validation/validation.go, ValidateNetworkPolicyPeer: at least one peer,
   * {@code ipBlock} alone, label selectors valid; ValidateIPBlock: {@code cidr} required, every
   * {@code except} a strict subset of it.
   */
  static List<Violation> networkPolicyPeer(Map<String, Object> peer) {
    List<Violation> violations = new ArrayList<>();
    int peers = 0;
    for (String selector : List.of("podSelector", "namespaceSelector")) {
      if (peer.get(selector) instanceof Map<?, ?> s) {
        peers++;
        labelSelector(violations, selector, s);
      }
    }
    if (peer.get("ipBlock") instanceof Map<?, ?> block) {
      if (peers > 0) {
        violations.add(new Violation("ipBlock", "`ipBlock` cannot be combined with a selector in"
            + " one peer", "write the `ipBlock` as a peer of its own (another `- ipBlock:` item)"));
      }
      peers++;
      ipBlock(violations, block);
    }
    if (peers == 0) {
      violations.add(new Violation("", "the peer names nobody: it needs `podSelector`,"
          + " `namespaceSelector` or `ipBlock`", "write one of them, for example"
          + " `podSelector: {matchLabels: {app: orders}}`"));
    }
    return violations;
  }

  private static void ipBlock(List<Violation> violations, Map<?, ?> block) {
    String cidr = text(block.get("cidr"));
    if (cidr.isEmpty()) {
      violations.add(new Violation("ipBlock.cidr", "is required",
          "write a network such as `10.0.0.0/8`"));
      return;
    }
    if (!Cidrs.isCidr(cidr)) {
      violations.add(new Violation("ipBlock.cidr", "`" + shown(cidr) + "` is not a"
          + " network in CIDR notation", "write it as `10.0.0.0/8` or `fd00::/8`"));
      return;
    }
    if (!(block.get("except") instanceof List<?> except)) {
      return;
    }
    for (int i = 0; i < except.size(); i++) {
      String path = "ipBlock.except[" + i + "]";
      String inner = text(except.get(i));
      if (!Cidrs.isCidr(inner)) {
        violations.add(new Violation(path, "`" + shown(inner) + "` is not a network in CIDR"
            + " notation", "write it as `10.1.0.0/16`"));
      } else if (!Cidrs.strictlyWithin(inner, cidr)) {
        violations.add(new Violation(path, "`" + inner + "` is not a strict subset of"
            + " `ipBlock.cidr` `" + cidr + "`", "except only networks inside " + cidr
            + " and smaller than it"));
      }
    }
  }

  /** validation.go, validateNodeAffinity, ValidateNodeSelector, ValidatePreferredSchedulingTerms. */
  private static void nodeAffinity(List<Violation> violations, String path, Map<?, ?> node) {
    if (node.get("requiredDuringSchedulingIgnoredDuringExecution") instanceof Map<?, ?> required) {
      String at = path + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
      if (!(required.get("nodeSelectorTerms") instanceof List<?> terms) || terms.isEmpty()) {
        violations.add(new Violation(at, "must have at least one term",
            "write a `- matchExpressions: [...]` term, or remove"
                + " `requiredDuringSchedulingIgnoredDuringExecution`"));
      } else {
        for (int i = 0; i < terms.size(); i++) {
          if (terms.get(i) instanceof Map<?, ?> term) {
            nodeSelectorTerm(violations, at + "[" + i + "]", term, true);
          }
        }
      }
    }
    if (node.get("preferredDuringSchedulingIgnoredDuringExecution") instanceof List<?> preferred) {
      for (int i = 0; i < preferred.size(); i++) {
        String at = path + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
        if (preferred.get(i) instanceof Map<?, ?> term) {
          weight(violations, at, term.get("weight"));
          if (term.get("preference") instanceof Map<?, ?> preference) {
            nodeSelectorTerm(violations, at + ".preference", preference, false);
          }
        }
      }
    }
  }

  /**
   * validation.go, ValidateNodeSelectorRequirement (In/NotIn with values, Exists/DoesNotExist
   * without, Gt/Lt with exactly one) and ValidateNodeFieldSelectorRequirement (only
   * {@code metadata.name}, In/NotIn with exactly one value). In a required term every value is a
   * label value too (ValidatePodSpec's AllowInvalidLabelValueInRequiredNodeAffinity is off for new
   * pods; measured on 1.34 by FragmentDifferentialTest); a preferred term's values are not checked.
   */
  private static void nodeSelectorTerm(List<Violation> violations, String path, Map<?, ?> term,
      boolean required) {
    if (term.get("matchExpressions") instanceof List<?> expressions) {
      for (int i = 0; i < expressions.size(); i++) {
        if (expressions.get(i) instanceof Map<?, ?> requirement) {
          String at = path + ".matchExpressions[" + i + "]";
          requirement(violations, at, requirement, true, required);
        }
      }
    }
    if (term.get("matchFields") instanceof List<?> fields) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i) instanceof Map<?, ?> requirement) {
          String at = path + ".matchFields[" + i + "]";
          String operator = text(requirement.get("operator"));
          if (!operator.equals("In") && !operator.equals("NotIn")) {
            violations.add(new Violation(at + ".operator", "must be In or NotIn for"
                + " a field", "write `operator: In`"));
          } else if (size(requirement.get("values")) != 1) {
            violations.add(new Violation(at + ".values", "must hold exactly one node"
                + " name", "write one value"));
          }
          if (!text(requirement.get("key")).equals("metadata.name")) {
            violations.add(new Violation(at + ".key", "must be metadata.name, the"
                + " only node field a selector can match", "write `key: metadata.name`, or"
                + " match a node label under `matchExpressions`"));
          }
        }
      }
    }
  }

  /**
   * validation.go, validatePodAffinity/validatePodAntiAffinity, validatePodAffinityTerm (label
   * selectors valid, namespaces DNS-1123 labels, {@code topologyKey} a non-empty qualified name)
   * and validateWeightedPodAffinityTerms (weight 1–100).
   */
  private static void podAffinity(List<Violation> violations, String path, Map<?, ?> pod) {
    if (pod.get("requiredDuringSchedulingIgnoredDuringExecution") instanceof List<?> terms) {
      for (int i = 0; i < terms.size(); i++) {
        if (terms.get(i) instanceof Map<?, ?> term) {
          podAffinityTerm(violations,
              path + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]", term);
        }
      }
    }
    if (pod.get("preferredDuringSchedulingIgnoredDuringExecution") instanceof List<?> weighted) {
      for (int i = 0; i < weighted.size(); i++) {
        String at = path + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
        if (weighted.get(i) instanceof Map<?, ?> term) {
          weight(violations, at, term.get("weight"));
          if (term.get("podAffinityTerm") instanceof Map<?, ?> inner) {
            podAffinityTerm(violations, at + ".podAffinityTerm", inner);
          }
        }
      }
    }
  }

  private static void podAffinityTerm(List<Violation> violations, String path, Map<?, ?> term) {
    for (String selector : List.of("labelSelector", "namespaceSelector")) {
      if (term.get(selector) instanceof Map<?, ?> s) {
        labelSelector(violations, path + "." + selector, s);
      }
    }
    if (term.get("namespaces") instanceof List<?> namespaces) {
      for (int i = 0; i < namespaces.size(); i++) {
        String namespace = text(namespaces.get(i));
        KubernetesNames.dns1123Label(namespace).ifPresent(why -> violations.add(new Violation(
            path + ".namespaces", "names `" + shown(namespace) + "`, which is not a"
                + " namespace name: " + why, "write a namespace's name")));
      }
    }
    String topologyKey = text(term.get("topologyKey"));
    if (topologyKey.isEmpty()) {
      violations.add(new Violation(path + ".topologyKey", "must not be empty", "name the node label that groups nodes, such as"
          + " `kubernetes.io/hostname` (one node) or `topology.kubernetes.io/zone`"));
    } else {
      qualifiedName(violations, path + ".topologyKey", topologyKey);
    }
  }

  /**
   * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go,
   * ValidateLabelSelector: matchLabels as labels; each requirement's key a qualified name, In and
   * NotIn with values, Exists and DoesNotExist without, every value a label value.
   */
  private static void labelSelector(List<Violation> violations, String path, Map<?, ?> selector) {
    if (selector.get("matchLabels") instanceof Map<?, ?> labels) {
      labels.forEach((key, value) -> {
        qualifiedName(violations, path + ".matchLabels", text(key));
        labelValue(violations, path + ".matchLabels." + key, text(value));
      });
    }
    if (selector.get("matchExpressions") instanceof List<?> expressions) {
      for (int i = 0; i < expressions.size(); i++) {
        if (expressions.get(i) instanceof Map<?, ?> requirement) {
          String at = path + ".matchExpressions[" + i + "]";
          requirement(violations, at, requirement, false, true);
        }
      }
    }
  }

  /**
   * One requirement of a selector: its key a qualified name, In and NotIn with values, Exists and
   * DoesNotExist without, and, for a node selector ({@code numeric}), Gt and Lt with exactly one
   * (apimachinery's ValidateLabelSelectorRequirement, validation.go's
   * ValidateNodeSelectorRequirement); with {@code labelValues}, every value a label value.
   */
  private static void requirement(List<Violation> violations, String at, Map<?, ?> requirement,
      boolean numeric, boolean labelValues) {
    int values = size(requirement.get("values"));
    String operator = text(requirement.get("operator"));
    switch (operator) {
      case "In", "NotIn" -> {
        if (values == 0) {
          violations.add(new Violation(at + ".values", "must not be empty when `operator` is "
              + operator, "list the label values to match"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (values > 0) {
          violations.add(new Violation(at + ".values", "must be empty when `operator` is "
              + operator, "remove `values`"));
        }
      }
      case "Gt", "Lt" -> {
        if (!numeric) {
          violations.add(new Violation(at + ".operator", "must be In, NotIn, Exists or"
              + " DoesNotExist, not `" + operator + "` (Gt and Lt are for node selectors)",
              "use one of them"));
        } else if (values != 1) {
          violations.add(new Violation(at + ".values", "must hold exactly one number when"
              + " `operator` is " + operator, "write one value, such as `values: [\"4\"]`"));
        }
      }
      default -> violations.add(new Violation(at + ".operator", "must be "
          + (numeric ? "In, NotIn, Exists, DoesNotExist, Gt or Lt" : "In, NotIn, Exists or"
              + " DoesNotExist") + ", not `" + shown(operator) + "`", "use one of them"));
    }
    qualifiedName(violations, at + ".key", text(requirement.get("key")));
    if (labelValues && requirement.get("values") instanceof List<?> list) {
      for (int v = 0; v < list.size(); v++) {
        labelValue(violations, at + ".values[" + v + "]", text(list.get(v)));
      }
    }
  }

  /** A scheduling weight: 1 to 100 (validation.go, ValidatePreferredSchedulingTerms). */
  private static void weight(List<Violation> violations, String path, Object weight) {
    BigInteger value = weight instanceof Number n ? new BigInteger(n.toString()) : BigInteger.ZERO;
    if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(100)) > 0) {
      violations.add(new Violation(path + ".weight", "must be 1 to 100, not " + value, "write a weight from 1 to 100"));
    }
  }

  /** apimachinery's ValidateLabelName: a qualified name (an optional DNS prefix, '/', a name). */
  private static void qualifiedName(List<Violation> violations, String path, String key) {
    if (!MetadataRules.isKey(key)) {
      violations.add(new Violation(path, "`" + shown(key) + "` is not a valid label key", "use a key such as `kubernetes.io/hostname` or `example.com/zone`:"
          + " an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.'"));
    }
  }

  /** apimachinery's IsValidLabelValue. */
  private static void labelValue(List<Violation> violations, String path, String value) {
    if (!MetadataRules.isLabelValue(value)) {
      violations.add(new Violation(path, "is not a valid label value",
          "at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric"));
    }
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static int size(Object list) {
    return list instanceof List<?> l ? l.size() : 0;
  }

  private static String shown(String text) {
    return Problem.shorten(text);
  }
}
