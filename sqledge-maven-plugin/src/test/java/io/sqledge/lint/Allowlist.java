package io.sqledge.lint;

import io.sqledge.lint.Linters.Finding;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/** The linter findings the gate accepts, each with the reason, from {@code allowlist.yaml}. */
final class Allowlist {

  /** One accepted check of one linter, wherever it fires. */
  record Entry(String linter, String check, String title, String reason) {
    boolean covers(Finding finding) {
      return linter.equals(finding.linter()) && check.equals(finding.check());
    }
  }

  private Allowlist() {}

  @SuppressWarnings("unchecked")
  static List<Entry> read() throws Exception {
    try (InputStream in = Allowlist.class.getResourceAsStream("allowlist.yaml")) {
      List<Map<String, String>> entries = new Yaml().load(in);
      return entries.stream().map(e -> new Entry(e.get("linter"), e.get("check"),
          e.get("title"), e.get("reason"))).toList();
    }
  }

  /** The Markdown table docs/security.md shows. */
  static String table(List<Entry> entries) {
    return "| Linter | Check | Why it stays |\n|---|---|---|\n" + entries.stream()
        .map(e -> "| " + e.linter() + " | `" + e.check() + "` " + e.title() + " | "
            + e.reason().strip().replace("\n", " ").replace("|", "\\|") + " |")
        .collect(Collectors.joining("\n")) + "\n";
  }
}
