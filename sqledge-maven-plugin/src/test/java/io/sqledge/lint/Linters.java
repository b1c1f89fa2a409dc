package io.sqledge.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs the linters that src/test/lint/linters.sh installed (cache root in {@code SQLEDGE_LINTERS})
 * and reads their JSON reports into {@link Finding}s. A missing linter fails the test loudly.
 */
final class Linters {

  static final String KUBE_SCORE = "kube-score";
  static final String CHECKOV = "checkov";

  /** kube-score's grades: 10 all OK, 7 almost OK, 5 warning, 1 critical; it shows 5 and 1. */
  private static final int KUBE_SCORE_WARNING = 5;

  /**
   * kube-score's optional checks that hold the manifests to what they promise: memory requested as
   * it is limited (the pod is not evicted first for using what SQL Server was allowed), a seccomp
   * profile, well-formed container ports.
   */
  static final List<String> OPTIONAL_KUBE_SCORE_CHECKS = List.of(
      "container-memory-requests-equal-limits", "container-seccomp-profile",
      "container-ports-check");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One complaint of one linter about one object; {@code critical} for kube-score's critical
   * grade and for every checkov failure (checkov has no grades).
   */
  record Finding(String linter, String check, String file, String object, String message,
      boolean critical) {
    String describe() {
      return linter + " " + check + " on " + object + " in " + file + ": " + message;
    }
  }

  private Linters() {}

  /**
   * kube-score on one multi-document file (it matches NetworkPolicies, Services and
   * PodDisruptionBudgets to pods only within what it reads at once).
   */
  static List<Finding> kubeScore(Path manifests, String shownAs) throws Exception {
    Path binary = installed(KUBE_SCORE);
    List<String> command = new ArrayList<>(List.of(binary.toString(), "score",
        "--output-format", "json"));
    OPTIONAL_KUBE_SCORE_CHECKS.forEach(check -> command.addAll(List.of("--enable-optional-test",
        check)));
    command.add(manifests.toString());
    JsonNode report = run(command, manifests.getParent());
    List<Finding> findings = new ArrayList<>();
    for (JsonNode object : report) {
      String name = object.path("type_meta").path("kind").asText() + "/"
          + object.path("object_meta").path("name").asText();
      for (JsonNode check : object.path("checks")) {
        if (!check.path("skipped").asBoolean() && check.path("grade").asInt() <= KUBE_SCORE_WARNING) {
          List<String> comments = new ArrayList<>();
          check.path("comments").forEach(c -> comments.add(c.path("summary").asText()));
          findings.add(new Finding(KUBE_SCORE, check.path("check").path("id").asText(), shownAs,
              name, String.join("; ", comments),
              check.path("grade").asInt() < KUBE_SCORE_WARNING));
        }
      }
    }
    return findings;
  }

  /** checkov's Kubernetes checks on every YAML file under {@code directory}, offline. */
  static List<Finding> checkov(Path directory) throws Exception {
    Path binary = installed(CHECKOV);
    JsonNode report = run(List.of(binary.toString(), "--directory", directory.toString(),
        "--framework", "kubernetes", "--skip-download", "--output", "json", "--quiet"),
        directory);
    List<Finding> findings = new ArrayList<>();
    // One report per framework: an object, or a list of them.
    for (JsonNode framework : report.isArray() ? report : List.of(report)) {
      for (JsonNode failed : framework.path("results").path("failed_checks")) {
        findings.add(new Finding(CHECKOV, failed.path("check_id").asText(),
            failed.path("file_path").asText().replaceFirst("^/", ""),
            failed.path("resource").asText(), failed.path("check_name").asText(), true));
      }
    }
    return findings;
  }

  /** Runs a linter and parses its standard output; its exit code only says it found something. */
  private static JsonNode run(List<String> command, Path workDirectory) throws Exception {
    Path out = Files.createTempFile(workDirectory, "linter", ".json");
    Path err = Files.createTempFile(workDirectory, "linter", ".err");
    Process process = new ProcessBuilder(command).directory(workDirectory.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        throw new AssertionError(command.get(0) + " did not finish within 5 minutes");
      }
      String text = Files.readString(out);
      JsonNode report = null;
      try {
        report = JSON.readTree(text);
      } catch (IOException e) {
        // reported below, with what the linter said
      }
      if (report == null || !report.isContainerNode()) {
        throw new AssertionError(command.get(0) + " exited with " + process.exitValue()
            + " without a JSON report: " + tail(Files.readString(err)) + tail(text));
      }
      return report;
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * The executable linters.sh installed for {@code linter}, as it recorded it in the cache root's
   * {@code linters.properties}; a loud failure that says how to install it otherwise.
   */
  private static Path installed(String linter) throws IOException {
    Path root = Path.of(Optional.ofNullable(System.getenv("SQLEDGE_LINTERS"))
        .orElse(System.getProperty("user.home") + "/.cache/sqledge/lint"));
    Properties installed = new Properties();
    Path recorded = root.resolve("linters.properties");
    if (Files.exists(recorded)) {
      try (var reader = Files.newBufferedReader(recorded)) {
        installed.load(reader);
      }
    }
    String executable = installed.getProperty(linter, "");
    if (executable.isEmpty() || !new File(executable).canExecute()) {
      throw new AssertionError("the linter " + linter + " is not installed in " + root
          + "; the build installs it before the tests (sqledge-maven-plugin/src/test/lint/"
          + "linters.sh, run by ./mvnw verify)");
    }
    return Path.of(executable);
  }

  private static String tail(String text) {
    return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
  }
}
