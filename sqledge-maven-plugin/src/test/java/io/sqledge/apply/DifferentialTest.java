package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.sqledge.config.ConfigSchema;
import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.verify.Manifest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server as the oracle of the build's verdict. A seeded generator makes configurations —
 * valid ones, and mutations of every declared key (types, bounds, formats, lengths, unicode, YAML
 * 1.1 traps), fleets with both workloads and every preset, {@code -Dsqledge.*} overrides — and runs
 * each through the pipeline in process:
 *
 * <ul>
 *   <li>accepted: a strict server-side dry run of every manifest succeeds, a fleet's output passes
 *       {@code kubectl kustomize}, and the pod could work
 *       (the container port is {@code MSSQL_TCP_PORT}, the claim a Deployment mounts is rendered,
 *       {@code MSSQL_MEMORY_LIMIT_MB} is between 2048 and the container's limit);
 *   <li>refused: every problem has a position (file:line:column or the property) and a fix, and no
 *       internal exception text.
 * </ul>
 *
 * <p>{@code -Dsqledge.differential.count} and {@code -Dsqledge.differential.seed} set a longer or
 * another run; a disagreement prints the configuration and the seed. The generator lives here,
 * with the oracle, so that a failing case reads beside the code that made it; that is why the
 * class is longer than most.
 */
class DifferentialTest {

  private static final long SEED = Long.getLong("sqledge.differential.seed", 20261127L);
  private static final int COUNT = Integer.getInteger("sqledge.differential.count", 3000);
  private static final Pattern POSITION =
      Pattern.compile("sqledge\\.yaml:\\d+:\\d+|-Dsqledge\\.[\\w.]+");
  private static final Pattern INTERNAL =
      Pattern.compile("Exception|java\\.|\\$\\{|@[0-9a-f]{6,}|For input string|Underflow");

  @TempDir Path dir;

  @Test
  void theBuildAndTheApiServerAgree() throws Exception {
    RealCluster cluster = RealCluster.shared();
    KubernetesClient client = ClusterConnector.connect(cluster.settings());
    List<String> namespaces = List.of(cluster.newNamespace("oracle"),
        cluster.newNamespace("oracle"));
    Configurations configurations = new Configurations(new Random(SEED), namespaces);
    Generator generator = Generator.bundled();
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    long start = System.nanoTime();
    for (int i = 0; i < COUNT && disagreements.size() < 10; i++) {
      Configurations.Case next = configurations.next();
      Path file = dir.resolve("sqledge.yaml");
      Files.writeString(file, next.yaml());
      GenerateRequest request = new GenerateRequest(
          Optional.of(new ConfigSource(file, "sqledge.yaml")), next.overrides(), dir.resolve("out"));
      Optional<String> disagreement;
      try {
        List<Generator.Rendered> instances = generator.renderAll(request);
        accepted++;
        disagreement = acceptedButRefused(cluster, client, instances);
        if (disagreement.isEmpty() && instances.size() > 1) {
          generator.write(instances, request);
          RealCluster.Kustomized kustomized = RealCluster.kustomize(dir.resolve("out"));
          if (!kustomized.ok()) {
            disagreement = Optional.of("kubectl kustomize refuses the fleet's output: "
                + kustomized.output());
          }
        }
      } catch (SqledgeException e) {
        disagreement = refusedBadly(e);
      } catch (RuntimeException e) {
        disagreement = Optional.of("internal error: " + e);
      }
      int number = i;
      disagreement.ifPresent(what -> disagreements.add("case " + number + " (seed " + SEED
          + "): " + what + "\n--- configuration, overrides " + next.overrides() + "\n"
          + next.yaml()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("DifferentialTest: %d configurations (%d accepted) in %.1f s, %.0f/s,"
        + " seed %d%n", COUNT, accepted, seconds, COUNT / seconds, SEED);
    assertTrue(disagreements.isEmpty(), String.join("\n\n", disagreements));
  }

  /** Why the server refuses, or the pod could not work with, what the build accepted. */
  private static Optional<String> acceptedButRefused(RealCluster cluster,
      KubernetesClient client, List<Generator.Rendered> instances) {
    for (Generator.Rendered instance : instances) {
      String namespace = instance.config().namespace().isEmpty() ? "default"
          : instance.config().namespace();
      // Whether the namespace exists is the cluster's state, not the configuration's validity.
      if (cluster.admin().namespaces().withName(namespace).get() == null) {
        cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName(namespace).endMetadata().build()).create();
      }
      for (Manifest manifest : instance.manifests().manifests()) {
        HasMetadata object = manifest.resource();
        try {
          (manifest.namespaced() ? client.resource(object).inNamespace(namespace)
              : client.resource(object)).dryRun()
              .fieldValidation(FieldValidateable.Validation.STRICT)
              .fieldManager(ApplyRequest.FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
          return Optional.of("the server refuses " + manifest.describe() + ": " + e.getCode()
              + " " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
        }
      }
      Optional<String> unworkable = podCannotWork(instance);
      if (unworkable.isPresent()) {
        return unworkable;
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> podCannotWork(Generator.Rendered instance) {
    Map<String, Object> workload = null;
    List<String> claims = new ArrayList<>();
    for (Manifest manifest : instance.manifests().manifests()) {
      // The database's workload, not the failover guard's Deployment.
      if ((manifest.kind().equals("Deployment") || manifest.kind().equals("StatefulSet"))
          && !manifest.name().endsWith("-failover-guard")) {
        workload = manifest.document();
      } else if (manifest.kind().equals("PersistentVolumeClaim")) {
        claims.add(manifest.name());
      }
    }
    if (workload == null) {
      return Optional.of("no workload rendered");
    }
    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) workload.get("spec")).get("template")).get("spec");
    Map<String, Object> container = ((List<Map<String, Object>>) spec.get("containers")).get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
      env.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
    }
    Object port = ((List<Map<String, Object>>) container.get("ports")).get(0).get("containerPort");
    if (!String.valueOf(port).equals(env.get("MSSQL_TCP_PORT"))) {
      return Optional.of("the container port " + port + " is not MSSQL_TCP_PORT "
          + env.get("MSSQL_TCP_PORT"));
    }
    Object limit = ((Map<String, Object>) ((Map<String, Object>) container.get("resources"))
        .get("limits")).get("memory");
    long containerMb = Quantity.getAmountInBytes(new Quantity(String.valueOf(limit)))
        .divide(BigDecimal.valueOf(1024L * 1024), RoundingMode.DOWN).longValue();
    long sqlMb = Long.parseLong(env.get("MSSQL_MEMORY_LIMIT_MB"));
    if (sqlMb < 2048 || sqlMb > containerMb) {
      return Optional.of("MSSQL_MEMORY_LIMIT_MB " + sqlMb + " is outside 2048.." + containerMb);
    }
    if (spec.get("volumes") instanceof List<?> volumes) {
      for (Object volume : volumes) {
        Object claim = ((Map<String, Object>) volume).get("persistentVolumeClaim");
        if (claim instanceof Map<?, ?> c && !claims.contains(String.valueOf(c.get("claimName")))) {
          return Optional.of("the pod mounts claim " + c.get("claimName") + ", not rendered");
        }
      }
    }
    return Optional.empty();
  }

  /** What is wrong with how the build refused, if anything. */
  private static Optional<String> refusedBadly(SqledgeException e) {
    if (e.problems().isEmpty()) {
      return Optional.of("refused without a problem: " + e.getMessage());
    }
    for (Problem problem : e.problems()) {
      String text = problem.render();
      if (!POSITION.matcher(problem.origin().describe()).matches()) {
        return Optional.of("refused without a position: " + text);
      }
      if (problem.fix().isBlank()) {
        return Optional.of("refused without a fix: " + text);
      }
      if (INTERNAL.matcher(problem.message() + problem.fix()).find()) {
        return Optional.of("refused with internal text: " + text);
      }
      if (text.length() > 2_000) {
        return Optional.of("refused with a " + text.length() + "-character message");
      }
    }
    return Optional.empty();
  }

  /** The seeded generator of configurations. */
  static final class Configurations {

    record Case(String yaml, Map<String, String> overrides) {}

    private final Random random;
    private final List<String> namespaces;

    Configurations(Random random, List<String> namespaces) {
      this.random = random;
      this.namespaces = namespaces;
    }

    Case next() {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("platform", pick("aks", "eks", "gke", "k3s", "generic"));
      values.put("ha.workload", pick("Deployment", "StatefulSet"));
      if (random.nextBoolean()) {
        values.put("namespace", pick(namespaces.get(0), namespaces.get(1)));
      }
      values.put("storage.className", "oracle-" + random.nextInt(4));
      if (random.nextInt(3) == 0) {
        values.put("engine.image", pick("mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04",
            "mcr.microsoft.com/mssql/server:2019-latest",
            "mcr.microsoft.com/mssql/server:2025-latest"));
        values.put("engine.edition", pick("Developer", "Standard", "Enterprise",
            "StandardDeveloper", "Premium"));
      }
      int mutations = random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        ConfigSchema.Entry key = pickKey();
        values.put(key.path(), hostile(key));
      }
      Map<String, String> overrides = new LinkedHashMap<>();
      if (random.nextInt(10) == 0) {
        ConfigSchema.Entry key = pickKey();
        if (key.kind() != ConfigSchema.Kind.TEXT_MAP && key.kind() != ConfigSchema.Kind.FREE_FORM
            && key.kind() != ConfigSchema.Kind.SETTINGS_LIST) {
          overrides.put(key.path(), unquoted(hostile(key)));
        }
      }
      StringBuilder yaml = new StringBuilder("apiVersion: sqledge/v1\n");
      yaml.append(nested(values, ""));
      if (random.nextInt(5) == 0) {
        yaml.append("instances:\n");
        int size = 2 + random.nextInt(2);
        for (int i = 0; i < size; i++) {
          yaml.append("  - name: i").append(i).append(random.nextInt(3)).append('\n');
          Map<String, String> own = new LinkedHashMap<>();
          if (random.nextBoolean()) {
            own.put("ha.workload", pick("Deployment", "StatefulSet"));
          }
          if (random.nextInt(3) == 0) {
            own.put("storage.claimName", pick("data", "i0-data", "shared"));
          }
          if (random.nextInt(3) == 0) {
            own.put("namespace", pick(namespaces.get(0), namespaces.get(1)));
          }
          yaml.append(nested(own, "    "));
        }
      } else {
        yaml.insert(0, "name: " + pick("db", "orders-db", "s" + "x".repeat(random.nextInt(60)))
            + "\n");
      }
      return new Case(yaml.toString(), overrides);
    }

    private ConfigSchema.Entry pickKey() {
      List<ConfigSchema.Entry> keys = ConfigSchema.values();
      return keys.get(random.nextInt(keys.size()));
    }

    /** A value for {@code key}: often valid, often not, as YAML text. */
    private String hostile(ConfigSchema.Entry key) {
      if (key.path().startsWith("resources.") || key.path().equals("storage.size")) {
        return pick("\"1\"", "500m", "2Gi", "4Gi", "3Gi", "5e9", "8Gb", "1e999999999",
            "\"1e2147483648\"", "-1", "0", "1.5Gi", "100Ki", "2.5e9", "9223372036854775808");
      }
      if (!ConfigSchema.allowed(key).isEmpty() && random.nextBoolean()) {
        List<String> allowed = ConfigSchema.allowed(key);
        return '"' + allowed.get(random.nextInt(allowed.size())) + '"';
      }
      return switch (key.kind()) {
        case TEXT -> pick("\"\"", "x".repeat(64), "x".repeat(254), "Ünïcode", "UPPER", "a.b",
            "\"a b\"", "-a", "a-", "\"a\\x7Fb\"", "01433", "1e9", "!!binary YWJj", "null", "~",
            "[a]", "{a: b}", "yes", "a/b", "valid-name", "\"with: colon\"", "\"#hash\"");
        case NUMBER -> pick("0", "-1", "1", "1433", "65535", "65536", "2147483648", "01433",
            "0x10", "\"1433\"", "1_000", "1.5", "9223372036854775808", "\"\"", "[1]", "30",
            "120", "3600", "3601", "10001");
        case BOOLEAN -> pick("true", "false", "yes", "\"true\"", "1", "\"\"", "[]");
        case TEXT_MAP -> pick("{}", "{a: b}", "{\"bad key!\": v}", "{k: " + "v".repeat(64) + "}",
            "{example.com/x: \"y\"}", "{a: null}", "[a]", "x", "{a: 1}", "{" + "p".repeat(254)
                + "/k: v}", "{kubernetes.io/os: linux}");
        case TEXT_LIST -> pick("[]", "[10.0.0.0/8]", "[\"2001:db8::/32\"]", "[bad]", "[\"\"]",
            "x", "{a: b}", "[regcred]", "[Bad_Name]", "[\"10.0.0.0/33\", \"::/0\"]");
        case FREE_FORM -> pick("{}", "[]", "{nodeAffinity: {}}",
            "[{key: k, operator: Exists}]", "x", "[x]", "{podAntiAffinity: {nope: 1}}");
        case SETTINGS -> "{}";
        case SETTINGS_LIST -> pick("[]", "x", "[x]", "[{name: \"\"}]", "[{name: app, owner: app}]",
            "[{name: sales, owner: " + "o".repeat(120) + "}]", "[{name: \"a]b\"}]",
            "[{name: sales, roles: [reporting], recoveryModel: SIMPLE}]",
            "[{name: reader, roles: {app: \"db_datareader, db_datawriter\"}}]",
            "[{name: Reader_1, serverRoles: [sysadmin]}]", "[{name: app, unknown: 1}]");
      };
    }

    private static String unquoted(String yaml) {
      return yaml.startsWith("\"") && yaml.endsWith("\"") && yaml.length() >= 2
          ? yaml.substring(1, yaml.length() - 1) : yaml.replaceAll("^\\[|]$", "");
    }

    /** Dotted paths with YAML values, as nested block YAML. */
    private static String nested(Map<String, String> values, String indent) {
      Map<String, Object> tree = new LinkedHashMap<>();
      values.forEach((path, value) -> {
        String[] parts = path.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
          @SuppressWarnings("unchecked")
          Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
              k -> new LinkedHashMap<String, Object>());
          node = child;
        }
        node.put(parts[parts.length - 1], value);
      });
      StringBuilder out = new StringBuilder();
      write(tree, indent, out);
      return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> tree, String indent, StringBuilder out) {
      tree.forEach((key, value) -> {
        out.append(indent).append(key).append(':');
        if (value instanceof Map<?, ?> child) {
          out.append('\n');
          write((Map<String, Object>) child, indent + "  ", out);
        } else {
          out.append(' ').append(value).append('\n');
        }
      });
    }

    private String pick(String... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}
