package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.verify.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real API server as the judge of the Kubernetes fragments the configuration passes through:
 * tolerations, affinity, NetworkPolicy peers, node selectors and environment variables. A seeded generator makes each fragment from the
 * values at the boundaries the API server's validation code holds (operators, empty and missing
 * values, weights 0, 1, 100 and 101, keys and values of 63 and 64 characters, CIDRs inside,
 * equal to and outside their block) and the build and the server each give their verdict:
 *
 * <ul>
 *   <li>what the build accepts, the server accepts: the manifest the build rendered is sent as a
 *       strict server-side dry run;
 *   <li>what the build refuses, the server refuses: the fragment is put into the same manifest
 *       rendered without it, and sent the same way.
 * </ul>
 *
 * <p>One disagreement is intended: the build follows the oldest Kubernetes it targets where a rule
 * changed (an environment variable name with a leading digit, which 1.34 takes); it is counted,
 * not failed.
 *
 * <p>{@code -Dsqledge.fragments.count} (per kind) and {@code -Dsqledge.fragments.seed} set a longer
 * or another run; a disagreement prints the fragment, both verdicts and the seed.
 */
class FragmentDifferentialTest {

  private static final long SEED = Long.getLong("sqledge.fragments.seed", 20261207L);
  private static final int COUNT = Integer.getInteger("sqledge.fragments.count", 600);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @TempDir Path dir;

  /** Where a kind of fragment goes, in the configuration and in the rendered manifest. */
  private enum Kind {
    TOLERATION("Deployment", "{key: k, operator: Exists}"),
    AFFINITY("Deployment", "{}"),
    PEER("NetworkPolicy", "{podSelector: {}}"),
    NODE_SELECTOR("Deployment", "{}"),
    ENV("Deployment", "{}");

    final String manifest;
    /** A fragment that changes nothing of interest (a NetworkPolicy needs one peer). */
    final String neutral;

    Kind(String manifest, String neutral) {
      this.manifest = manifest;
      this.neutral = neutral;
    }

    String config(String json) {
      return switch (this) {
        case TOLERATION -> "pod:\n  tolerations: [" + json + "]\n";
        case AFFINITY -> "pod:\n  affinity: " + json + "\n";
        case PEER -> "network:\n  allowFrom: [" + json + "]\n";
        case NODE_SELECTOR -> "pod:\n  nodeSelector: " + json + "\n";
        case ENV -> "engine:\n  env: " + json + "\n";
      };
    }

    /** Puts the fragment where the template puts it, into a manifest rendered without it. */
    @SuppressWarnings("unchecked")
    void inject(Map<String, Object> document, Map<String, Object> fragment) {
      if (this == PEER) {
        Map<String, Object> spec = (Map<String, Object>) document.get("spec");
        Map<String, Object> ingress = ((List<Map<String, Object>>) spec.get("ingress")).get(0);
        ingress.put("from", List.of(fragment));
        return;
      }
      Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>)
          ((Map<String, Object>) document.get("spec")).get("template")).get("spec");
      if (this == AFFINITY) {
        pod.put("affinity", fragment);
      } else if (this == NODE_SELECTOR) {
        Map<String, Object> selector = new LinkedHashMap<>((Map<String, Object>)
            pod.getOrDefault("nodeSelector", Map.of()));
        selector.putAll(fragment);
        pod.put("nodeSelector", selector);
      } else if (this == ENV) {
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        List<Object> env = new ArrayList<>((List<Object>) container.get("env"));
        fragment.forEach((name, value) -> env.add(Map.of("name", name, "value", value)));
        container.put("env", env);
      } else {
        List<Object> tolerations = new ArrayList<>((List<Object>) pod.get("tolerations"));
        tolerations.add(fragment);
        pod.put("tolerations", tolerations);
      }
    }
  }

  @Test
  void theBuildAndTheApiServerJudgeEveryFragmentAlike() throws Exception {
    RealCluster cluster = RealCluster.shared();
    KubernetesClient client = ClusterConnector.connect(cluster.settings());
    String namespace = cluster.newNamespace("fragments");
    Fragments fragments = new Fragments(new Random(SEED));
    Generator generator = Generator.bundled();
    // The manifests without any fragment (a NetworkPolicy needs one peer; it is replaced).
    Map<Kind, Map<String, Object>> plain = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      plain.put(kind, rendered(generator, kind, kind.neutral));
    }
    List<String> disagreements = new ArrayList<>();
    int refused = 0;
    int olderVersions = 0;
    int cases = 0;
    long start = System.nanoTime();
    for (Kind kind : Kind.values()) {
      Supplier<Map<String, Object>> next = switch (kind) {
        case TOLERATION -> fragments::toleration;
        case AFFINITY -> fragments::affinity;
        case PEER -> fragments::peer;
        case NODE_SELECTOR -> fragments::nodeSelector;
        case ENV -> fragments::env;
      };
      for (int i = 0; i < COUNT && disagreements.size() < 20; i++) {
        cases++;
        Map<String, Object> fragment = next.get();
        String json = JSON.asJson(fragment);
        Map<String, Object> document;
        Optional<String> buildRefusal;
        try {
          document = rendered(generator, kind, json);
          buildRefusal = Optional.empty();
        } catch (SqledgeException e) {
          refused++;
          buildRefusal = Optional.of(e.problems().get(0).render());
          document = JSON.clone(plain.get(kind));
          kind.inject(document, fragment);
        }
        Optional<String> serverRefusal = serverRefusal(client, namespace, document);
        if (buildRefusal.isPresent() && serverRefusal.isEmpty()
            && buildRefusal.get().contains("Kubernetes before")) {
          olderVersions++; // refused for the oldest targeted version, which 1.34 has outgrown
        } else if (buildRefusal.isPresent() != serverRefusal.isPresent()) {
          disagreements.add(kind + " " + json + " (seed " + SEED + ")\n  build:  "
              + buildRefusal.orElse("accepted") + "\n  server: "
              + serverRefusal.orElse("accepted"));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("FragmentDifferentialTest: %d fragments (%d refused by both, %d refused"
        + " for Kubernetes %s only) in %.1f s, %.0f/s, seed %d%n", cases, refused - olderVersions,
        olderVersions, "1.30", seconds, cases / seconds, SEED);
    assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n"
        + String.join("\n\n", disagreements));
  }

  /** The manifest of {@code kind} the build renders with the fragment, as a map. */
  private Map<String, Object> rendered(Generator generator, Kind kind, String json)
      throws Exception {
    Path file = dir.resolve("sqledge.yaml");
    Files.writeString(file, "apiVersion: sqledge/v1\nname: db\n"
        + kind.config(json));
    Generator.Rendered instance = generator.render(new GenerateRequest(
        Optional.of(new ConfigSource(file, "sqledge.yaml")), Map.of(), dir.resolve("out")));
    for (Manifest manifest : instance.manifests().manifests()) {
      if (manifest.kind().equals(kind.manifest)) {
        return JSON.clone(manifest.document());
      }
    }
    throw new AssertionError("no " + kind.manifest + " rendered");
  }

  /** The server's refusal of a strict server-side dry run of {@code document}, if it refuses. */
  private static Optional<String> serverRefusal(KubernetesClient client, String namespace,
      Map<String, Object> document) {
    GenericKubernetesResource resource = JSON.convertValue(document,
        GenericKubernetesResource.class);
    try {
      client.resource(resource).inNamespace(namespace).dryRun()
          .fieldValidation(FieldValidateable.Validation.STRICT)
          .fieldManager(ApplyRequest.FIELD_MANAGER).forceConflicts().serverSideApply();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(e.getCode() + " " + (e.getStatus() == null ? e.getMessage()
          : e.getStatus().getMessage()));
    }
  }

  /** The seeded generator of fragments, from the values at the rules' boundaries. */
  static final class Fragments {

    private static final String KEY_63 = "k".repeat(63);
    private static final String PREFIX_253 = ("a".repeat(61) + ".").repeat(4) + "a".repeat(9);

    private final Random random;

    Fragments(Random random) {
      this.random = random;
    }

    Map<String, Object> toleration() {
      Map<String, Object> t = new LinkedHashMap<>();
      maybe(t, "key", "", "k", "example.com/dedicated", "bad key", "-k", "a/b/c", KEY_63,
          KEY_63 + "k", PREFIX_253 + "/k", PREFIX_253 + "a/k", "node.kubernetes.io/not-ready");
      maybe(t, "operator", "Equal", "Exists", "", "In", "equal");
      maybe(t, "value", "", "v", "database", "bad value!", "v".repeat(63), "v".repeat(64), "-v",
          "1.5");
      maybe(t, "effect", "", "NoSchedule", "PreferNoSchedule", "NoExecute", "Other",
          "noschedule");
      if (random.nextInt(3) == 0) {
        t.put("tolerationSeconds", pick(0L, 30L, -1L, 300L));
      }
      return t;
    }

    Map<String, Object> affinity() {
      Map<String, Object> affinity = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (random.nextBoolean()) {
          List<Object> terms = new ArrayList<>();
          int count = random.nextInt(3);
          for (int i = 0; i < count; i++) {
            terms.add(nodeSelectorTerm());
          }
          node.put("requiredDuringSchedulingIgnoredDuringExecution",
              Map.of("nodeSelectorTerms", terms));
        }
        if (random.nextBoolean()) {
          node.put("preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
              "weight", weight(), "preference", nodeSelectorTerm())));
        }
        affinity.put("nodeAffinity", node);
      }
      if (random.nextBoolean()) {
        Map<String, Object> pod = new LinkedHashMap<>();
        if (random.nextBoolean()) {
          pod.put("requiredDuringSchedulingIgnoredDuringExecution", List.of(podAffinityTerm()));
        }
        if (random.nextBoolean()) {
          pod.put("preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
              "weight", weight(), "podAffinityTerm", podAffinityTerm())));
        }
        affinity.put(random.nextBoolean() ? "podAntiAffinity" : "podAffinity", pod);
      }
      return affinity;
    }

    Map<String, Object> peer() {
      Map<String, Object> peer = new LinkedHashMap<>();
      if (random.nextInt(3) == 0) {
        peer.put("podSelector", labelSelector());
      }
      if (random.nextInt(3) == 0) {
        peer.put("namespaceSelector", labelSelector());
      }
      if (random.nextInt(2) == 0) {
        Map<String, Object> block = new LinkedHashMap<>();
        maybe(block, "cidr", "10.0.0.0/8", "10.0.0.1/8", "010.0.0.0/8", "10.0.0.0/33",
            "0.0.0.0/0", "::/0", "2001:db8::/32", "bad", "10.1.0.0/16", "192.168.1.0/24");
        if (random.nextBoolean()) {
          block.put("except", List.of(pick("10.1.0.0/16", "192.168.0.0/16", "10.0.0.0/8",
              "10.0.0.0/7", "2001:db8::/48", "10.1.0.0/33", "10.255.255.255/32", "10.1.2.3/16",
              "2001:db8:1::/48", "10.1.0.0/24")));
        }
        peer.put("ipBlock", block);
      }
      return peer;
    }

    Map<String, Object> nodeSelector() {
      Map<String, Object> selector = new LinkedHashMap<>();
      selector.put(pick("example.com/pool", "disktype", "bad key!", KEY_63 + "k", "",
          PREFIX_253 + "/k", "a/b/c"), pick("db", "", "bad value!", "v".repeat(63),
          "v".repeat(64), "-v"));
      return selector;
    }

    /** Environment variables: names at the version boundary (a leading digit), values as text. */
    Map<String, Object> env() {
      Map<String, Object> env = new LinkedHashMap<>();
      env.put(pick("APP_MODE", "a.b-c", "1ABC", "A=B", "A B", "", "Ä", "_X", "-X", ".X",
          "X".repeat(300)), pick("v", "", "with space", "x".repeat(1000)));
      return env;
    }

    private Map<String, Object> nodeSelectorTerm() {
      Map<String, Object> term = new LinkedHashMap<>();
      if (random.nextInt(4) != 0) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        maybe(requirement, "key", "agentpool", "example.com/zone", "", "bad key", KEY_63 + "k");
        maybe(requirement, "operator", "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt",
            "Bad");
        if (random.nextInt(3) != 0) {
          requirement.put("values", pick(List.of(), List.of("a"), List.of("1"),
              List.of("a", "b"), List.of("bad value!")));
        }
        term.put("matchExpressions", List.of(requirement));
      }
      if (random.nextInt(4) == 0) {
        Map<String, Object> field = new LinkedHashMap<>();
        maybe(field, "key", "metadata.name", "metadata.namespace", "spec.nodeName");
        maybe(field, "operator", "In", "NotIn", "Exists");
        if (random.nextBoolean()) {
          field.put("values", pick(List.of(), List.of("node-1"), List.of("a", "b")));
        }
        term.put("matchFields", List.of(field));
      }
      return term;
    }

    private Map<String, Object> podAffinityTerm() {
      Map<String, Object> term = new LinkedHashMap<>();
      maybe(term, "topologyKey", "kubernetes.io/hostname", "", "topology.kubernetes.io/zone",
          "bad key!", KEY_63 + "k");
      if (random.nextBoolean()) {
        term.put("labelSelector", labelSelector());
      }
      if (random.nextInt(4) == 0) {
        term.put("namespaceSelector", labelSelector());
      }
      if (random.nextInt(4) == 0) {
        term.put("namespaces", List.of(pick("team-a", "Team_A", "", "n".repeat(64))));
      }
      return term;
    }

    private Map<String, Object> labelSelector() {
      Map<String, Object> selector = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        selector.put("matchLabels", Map.of(pick("app", "example.com/team", "bad key!",
            KEY_63 + "k"), pick("orders", "", "bad value!", "v".repeat(64))));
      }
      if (random.nextBoolean()) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        maybe(requirement, "key", "app", "", "bad key!");
        maybe(requirement, "operator", "In", "NotIn", "Exists", "DoesNotExist", "Gt");
        if (random.nextBoolean()) {
          requirement.put("values", pick(List.of(), List.of("orders"), List.of("bad value!")));
        }
        selector.put("matchExpressions", List.of(requirement));
      }
      return selector;
    }

    private Object weight() {
      return pick(0, 1, 50, 100, 101, -1);
    }

    /** Puts one of {@code values} at {@code key}, or leaves the key out. */
    private void maybe(Map<String, Object> map, String key, Object... values) {
      if (random.nextInt(5) != 0) {
        map.put(key, values[random.nextInt(values.length)]);
      }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}
