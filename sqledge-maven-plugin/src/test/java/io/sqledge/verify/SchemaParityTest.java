package io.sqledge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.render.ManifestRenderer;
import io.sqledge.render.PodOptionsTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The compiled schema and {@link SchemaChecker} give the same verdicts as fabric8's OpenAPI engine
 * ({@link OpenApiOracle}) on every manifest the bundled templates render, and on every one-step
 * mutation of them: an unknown field in each map, each field removed, each value of the wrong
 * type, out of range, outside an enum, or null.
 *
 * <p>One difference is intended: the engine cannot type IntOrString (the document says string, so
 * it was told to let every integer through), while the checker holds those integers to int32 as
 * the API server does.
 */
class SchemaParityTest {

  private static final List<String> CONFIGS = List.of(
      "name: db\n",
      PodOptionsTest.ALL_OPTIONS,
      "ha:\n  workload: StatefulSet\n",
      "platform: eks\n",
      "platform: gke\n",
      "platform: k3s\n",
      "platform: generic\nstorage:\n  createClass: false\n  className: fast\n",
      "service:\n  type: ClusterIP\n");

  /** Kinds a project's templates might add, beyond the bundled four. */
  private static final List<String> EXTRA_DOCUMENTS = List.of("""
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db, namespace: data}
      spec:
        podSelector: {matchLabels: {app: db}}
        policyTypes: [Ingress]
        ingress:
          - from: [{namespaceSelector: {matchLabels: {team: orders}}}]
            ports: [{port: 1433, protocol: TCP}]
      """, """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: db}
      spec: {maxUnavailable: 0, selector: {matchLabels: {app: db}}}
      """, """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: db, labels: {a: b}}
      data: {mssql.conf: "[network]\\ntcpport = 1433\\n"}
      immutable: true
      """, """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: backup}
      spec:
        schedule: "0 2 * * *"
        jobTemplate:
          spec:
            backoffLimit: 2
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: b, image: busybox, args: [sh, -c, date]}]
      """);

  private static OpenApiOracle oracle;
  private static final KubernetesSchema SCHEMA = KubernetesSchema.shipped();

  @TempDir static Path dir;

  @BeforeAll
  static void startOracle() throws Exception {
    oracle = new OpenApiOracle();
  }

  @Test
  void sameVerdictsOnEveryRenderedManifestAndEveryMutationOfIt() throws Exception {
    Set<Map<String, Object>> documents = new LinkedHashSet<>();
    for (String config : CONFIGS) {
      for (Manifest manifest : ManifestVerifier.verify(ManifestRenderer.bundled()
          .render(TestConfigs.checked(dir, config))).manifests()) {
        documents.add(manifest.document());
      }
    }
    for (String extra : EXTRA_DOCUMENTS) {
      documents.add(new Yaml().load(extra));
    }
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    int refused = 0;
    for (Map<String, Object> document : documents) {
      String name = SCHEMA.kind((String) document.get("apiVersion"), (String) document.get("kind"))
          .orElseThrow().name();
      List<Map<String, Object>> variants = new ArrayList<>();
      variants.add(document);
      mutations(document, List.of(), variants);
      for (Map<String, Object> variant : variants) {
        boolean ours = !SchemaChecker.check(SCHEMA, SCHEMA.definition(name), variant).isEmpty();
        List<String> theirs = oracle.errors(name, variant);
        compared++;
        refused += ours ? 1 : 0;
        if (ours != !theirs.isEmpty() && !(ours && intOrStringOutOfRange(name, variant))) {
          disagreements.add(name + ": ours=" + SchemaChecker.check(SCHEMA, SCHEMA.definition(name),
              variant) + " theirs=" + theirs + " on " + variant);
        }
      }
    }
    assertEquals(List.of(), disagreements.stream().limit(10).toList(),
        disagreements.size() + " of " + compared + " disagree");
    assertTrue(compared > 2000 && refused > compared / 2, compared + " compared, " + refused
        + " refused");
    System.out.printf("schema parity: %d documents, %d variants, %d refused by both%n",
        documents.size(), compared, refused);
  }

  private static boolean intOrStringOutOfRange(String name, Map<String, Object> variant) {
    return SchemaChecker.check(SCHEMA, SCHEMA.definition(name), variant).stream()
        .allMatch(violation -> violation.message().endsWith("out of range for an int-or-string integer"));
  }

  /** Every one-step mutation of the value at {@code path}, and of everything under it. */
  private static void mutations(Map<String, Object> root, List<Object> path,
      List<Map<String, Object>> out) {
    Object value = get(root, path);
    if (value instanceof Map<?, ?> map) {
      out.add(with(root, path, old -> {
        Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) old);
        copy.put("zzUnknownField", "x");
        return copy;
      }));
      for (Object key : map.keySet()) {
        out.add(with(root, path, old -> {
          Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) old);
          copy.remove(key);
          return copy;
        }));
        List<Object> child = new ArrayList<>(path);
        child.add(key);
        mutations(root, child, out);
      }
    } else if (value instanceof List<?> list) {
      out.add(with(root, path, old -> "not-a-list"));
      for (int i = 0; i < list.size(); i++) {
        List<Object> child = new ArrayList<>(path);
        child.add(i);
        mutations(root, child, out);
      }
    } else if (!path.isEmpty()) {
      out.add(with(root, path, old -> null));
      out.add(with(root, path, old -> List.of()));
      if (value instanceof String) {
        out.add(with(root, path, old -> 12345));
        out.add(with(root, path, old -> "zz-Not-An-Enum-Value"));
      } else if (value instanceof Integer) {
        out.add(with(root, path, old -> "text"));
        out.add(with(root, path, old -> 3_000_000_000L));
        out.add(with(root, path, old -> 2.5));
      } else if (value instanceof Boolean) {
        out.add(with(root, path, old -> "yes"));
      }
    }
  }

  private static Object get(Object node, List<Object> path) {
    for (Object step : path) {
      node = step instanceof Integer index && node instanceof List<?> list ? list.get(index)
          : ((Map<?, ?>) node).get(step);
    }
    return node;
  }

  /** A deep copy of {@code root} with the value at {@code path} replaced. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> with(Map<String, Object> root, List<Object> path,
      UnaryOperator<Object> change) {
    return (Map<String, Object>) replace(root, path, 0, change);
  }

  private static Object replace(Object node, List<Object> path, int depth,
      UnaryOperator<Object> change) {
    if (depth == path.size()) {
      return change.apply(node);
    }
    Object step = path.get(depth);
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list);
      copy.set((Integer) step, replace(list.get((Integer) step), path, depth + 1, change));
      return copy;
    }
    Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) node);
    copy.put(step, replace(copy.get(step), path, depth + 1, change));
    return copy;
  }
}
