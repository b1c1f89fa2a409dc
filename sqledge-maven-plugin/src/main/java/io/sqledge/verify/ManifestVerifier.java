package io.sqledge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.RenderedDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks that each rendered document is a resource the API server will accept: valid YAML, one
 * document, a known Kubernetes kind that parses into its typed fabric8 class, and no error against
 * the Kubernetes OpenAPI schema (which also catches unknown fields).
 *
 * <p>A failure here is a template bug, never a user input problem (the check step has vetted the
 * input), so each problem names the template and the path in the document.
 */
public final class ManifestVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VALIDATOR_PATH = Pattern.compile("^\\[Path '([^']*)'\\]\\s*(.*)$");

  private ManifestVerifier() {}

  public static ManifestSet verify(List<RenderedDocument> documents) throws SqledgeException {
    List<Problem> problems = new ArrayList<>();
    List<Manifest> manifests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // Parse every document first, so that the schema is loaded once for all their kinds.
    List<Parsed> parsed = new ArrayList<>();
    for (RenderedDocument document : documents) {
      Parsed one = parse(document, problems);
      if (one != null) {
        parsed.add(one);
      }
    }
    List<List<String>> schemaErrors = SchemaValidator.errors(parsed.stream().map(Parsed::json).toList());
    for (int i = 0; i < parsed.size(); i++) {
      RenderedDocument document = parsed.get(i).rendered();
      Manifest manifest = typed(parsed.get(i), schemaErrors.get(i), problems);
      if (manifest == null) {
        continue;
      }
      String identity = manifest.kind() + "/"
          + String.valueOf(manifest.resource().getMetadata().getNamespace()) + "/" + manifest.name();
      if (!seen.add(identity)) {
        problems.add(error(document, "metadata.name",
            "a second " + manifest.describe() + " is rendered; resource names must be unique",
            "give each resource its own name"));
        continue;
      }
      manifests.add(manifest);
    }
    if (!problems.isEmpty()) {
      throw new SqledgeException("sqledge: the rendered manifests are not valid Kubernetes"
          + " resources", problems);
    }
    return new ManifestSet(manifests);
  }

  /** A rendered document read as YAML and as JSON, before its schema and type checks. */
  private record Parsed(RenderedDocument rendered, Map<String, Object> document, JsonNode json) {}

  private static Parsed parse(RenderedDocument rendered, List<Problem> problems) {
    Map<String, Object> document = parseYaml(rendered, problems);
    if (document == null) {
      return null;
    }
    if (!(document.get("apiVersion") instanceof String) || !(document.get("kind") instanceof String)) {
      problems.add(error(rendered, "", "the document has no `apiVersion` and `kind`",
          "start the template with `apiVersion:` and `kind:`"));
      return null;
    }
    try {
      return new Parsed(rendered, document, JSON.valueToTree(document));
    } catch (IllegalArgumentException e) {
      problems.add(error(rendered, "", "the document holds a value JSON cannot represent: "
          + e.getMessage(), "quote dates and other special values"));
      return null;
    }
  }

  private static Manifest typed(Parsed parsed, List<String> schemaErrors, List<Problem> problems) {
    RenderedDocument rendered = parsed.rendered();
    Map<String, Object> document = parsed.document();
    JsonNode json = parsed.json();
    int before = problems.size();
    for (String message : schemaErrors) {
      Matcher matcher = VALIDATOR_PATH.matcher(message);
      if (matcher.matches()) {
        problems.add(error(rendered, yamlPath(matcher.group(1)), matcher.group(2),
            "fix the template so that the field matches the Kubernetes API"));
      } else {
        problems.add(error(rendered, "", message, "fix the template"));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    KubernetesResource resource;
    try {
      resource = JSON.treeToValue(json, KubernetesResource.class);
    } catch (Exception e) {
      problems.add(error(rendered, "", "the document does not parse as a " + document.get("kind")
          + ": " + firstLine(e.getMessage()), "fix the template"));
      return null;
    }
    if (!(resource instanceof HasMetadata typed) || resource instanceof GenericKubernetesResource) {
      problems.add(error(rendered, "kind", "`" + document.get("apiVersion") + " "
          + document.get("kind") + "` is not a Kubernetes kind this plugin knows",
          "check `apiVersion` and `kind`"));
      return null;
    }
    if (typed.getMetadata() == null || typed.getMetadata().getName() == null
        || typed.getMetadata().getName().isEmpty()) {
      problems.add(error(rendered, "metadata.name", "the resource has no name",
          "set `metadata.name`"));
      return null;
    }
    return new Manifest(rendered.templateName(), typed, document);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseYaml(RenderedDocument rendered, List<Problem> problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<Object> documents = new ArrayList<>();
    try {
      for (Object document : yaml.loadAll(rendered.text())) {
        if (document != null) {
          documents.add(document);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      problems.add(Problem.error(Origin.file(rendered.templateName()), "",
          "the template produced invalid YAML at line " + line + " of its output (`"
              + outputLine(rendered.text(), line) + "`): " + firstLine(e.getProblem()),
          "check the template's indentation around that line"));
      return null;
    } catch (YAMLException e) {
      problems.add(error(rendered, "", "the template produced invalid YAML: "
          + firstLine(e.getMessage()), "check the template's indentation"));
      return null;
    }
    if (documents.size() != 1) {
      problems.add(error(rendered, "", "the template produced " + documents.size()
          + " YAML documents; a template renders exactly one resource",
          "split it into one template per resource"));
      return null;
    }
    if (!(documents.get(0) instanceof Map<?, ?> map)) {
      problems.add(error(rendered, "", "the template produced a YAML "
          + (documents.get(0) instanceof List ? "list" : "value") + ", not a resource",
          "a template renders one resource: a map with apiVersion, kind, metadata"));
      return null;
    }
    Map<String, Object> document = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      document.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    return document;
  }

  private static Problem error(RenderedDocument rendered, String path, String message, String fix) {
    String where = path.isEmpty() ? "" : "`" + path + "`: ";
    return Problem.error(Origin.file(rendered.templateName()), path, where + message,
        fix);
  }

  /** {@code /spec/template/spec/containers/0} → {@code spec.template.spec.containers[0]}. */
  static String yamlPath(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.matches("[0-9]+")) {
        path.append('[').append(name).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(name);
      }
    }
    return path.toString();
  }

  private static String outputLine(String text, int line) {
    String[] lines = text.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }
}
