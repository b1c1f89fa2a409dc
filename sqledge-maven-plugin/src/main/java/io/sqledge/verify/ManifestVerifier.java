package io.sqledge.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.render.RenderedDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks that each rendered document is a resource the API server will accept: valid YAML, one
 * document, a Kubernetes kind, and no error against the Kubernetes API schema (unknown fields,
 * missing required fields, wrong types; see {@link SchemaChecker}). A kind fabric8's model knows
 * but the schema lacks is checked by fabric8's typed parse instead.
 *
 * <p>A failure here is a template bug, never a user input problem (the check step has vetted the
 * input), so each problem names the template and the path in the document.
 *
 * <p>A verifier keeps its YAML reader (SnakeYAML's set-up costs more than reading four small
 * documents), so a fleet uses one for all its instances; it is not thread-safe.
 */
public final class ManifestVerifier {

  private final KubernetesSchema schema = KubernetesSchema.shipped();
  private final Yaml yaml = yaml();

  /** Verifies one instance's documents with a verifier of its own. */
  public static ManifestSet verify(List<RenderedDocument> documents) throws SqledgeException {
    return new ManifestVerifier().check(documents);
  }

  /** Verifies one instance's documents: all of them, or throws with every problem found. */
  public ManifestSet check(List<RenderedDocument> documents) throws SqledgeException {
    List<Problem> problems = new ArrayList<>();
    List<Manifest> manifests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RenderedDocument document : documents) {
      Manifest manifest = verifyOne(schema, yaml, document, problems);
      if (manifest == null) {
        continue;
      }
      String identity = manifest.kind() + "/"
          + String.valueOf(manifest.document().get("metadata") instanceof Map<?, ?> metadata
              ? metadata.get("namespace") : null) + "/" + manifest.name();
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

  private static Manifest verifyOne(KubernetesSchema schema, Yaml yaml, RenderedDocument rendered,
      List<Problem> problems) {
    Map<String, Object> document = parseYaml(yaml, rendered, problems);
    if (document == null) {
      return null;
    }
    if (!(document.get("apiVersion") instanceof String apiVersion)
        || !(document.get("kind") instanceof String kind)) {
      problems.add(error(rendered, "", "the document has no `apiVersion` and `kind`",
          "start the template with `apiVersion:` and `kind:`"));
      return null;
    }
    Optional<KubernetesSchema.Definition> definition = schema.kind(apiVersion, kind);
    boolean namespaced;
    if (definition.isPresent()) {
      List<SchemaChecker.Violation> violations =
          SchemaChecker.check(schema, definition.get(), document);
      violations.forEach(violation ->
          problems.add(error(rendered, violation.path(), violation.message(), violation.fix())));
      if (!violations.isEmpty()) {
        return null;
      }
      namespaced = definition.get().kind().orElseThrow().namespaced();
    } else {
      // Kinds fabric8's model has but the Kubernetes OpenAPI document lacks (a
      // CustomResourceDefinition, the Gateway API): the typed parse is the only check there is.
      Optional<HasMetadata> typed = Manifest.typed(document);
      if (typed.isEmpty()) {
        problems.add(error(rendered, "kind", "`" + apiVersion + " " + kind
            + "` is not a Kubernetes kind this plugin knows", "check `apiVersion` and `kind`"));
        return null;
      }
      namespaced = typed.get() instanceof Namespaced;
    }
    Object name = document.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    if (!(name instanceof String text) || text.isEmpty()) {
      problems.add(error(rendered, "metadata.name", "the resource has no name",
          "set `metadata.name`"));
      return null;
    }
    return new Manifest(rendered.templateName(), document, kind, text, namespaced);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseYaml(Yaml yaml, RenderedDocument rendered,
      List<Problem> problems) {
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

  /** A YAML reader for one verify run (SnakeYAML's set-up is not free; a fleet has thousands). */
  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    return new Yaml(new SafeConstructor(options));
  }

  private static Problem error(RenderedDocument rendered, String path, String message, String fix) {
    String where = path.isEmpty() ? "" : "`" + path + "`: ";
    return Problem.error(Origin.file(rendered.templateName()), path, where + message,
        fix);
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
