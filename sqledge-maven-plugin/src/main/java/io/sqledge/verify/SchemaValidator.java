package io.sqledge.verify;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.schema.validator.Validator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates documents against the Kubernetes OpenAPI schema that ships in fabric8's
 * kubernetes-model-validator: unknown fields, wrong types and missing required fields are errors.
 *
 * <p>fabric8's {@code Validator} parses the whole document (6.4 MB, every Kubernetes and OpenShift
 * type) on first use, which took 5 to 9 seconds of every build. This class reads the same document
 * with Jackson, keeps only the definitions reachable from the kinds being validated (about 140 for
 * the bundled manifests), and gives that to the same parser and the same schema validator: the
 * same verdicts, in a fraction of the time. Validators are cached per set of kinds, for the JVM
 * (Maven reuses the plugin's class loader across the modules of a build). Kinds the document does
 * not know pass, as with fabric8's validator.
 */
final class SchemaValidator {

  private static final String DOCUMENT = "/openshift-generated.json";
  private static final String REF_PREFIX = "#/definitions/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Set<String>, Loaded> CACHE = new ConcurrentHashMap<>();

  private SchemaValidator() {}

  private record Loaded(OpenAPI api, com.atlassian.oai.validator.schema.SchemaValidator validator) {}

  private static final class Document {
    static final JsonNode DEFINITIONS = read();
    /** Definition names by their lower-case form, as kinds are looked up. */
    static final Map<String, String> BY_LOWER_NAME = index();

    private static Map<String, String> index() {
      Map<String, String> names = new java.util.HashMap<>();
      DEFINITIONS.fieldNames().forEachRemaining(
          name -> names.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
      return names;
    }

    private static JsonNode read() {
      try (InputStream in = Validator.class.getResourceAsStream(DOCUMENT)) {
        if (in == null) {
          throw new IllegalStateException("missing " + DOCUMENT + " in kubernetes-model-validator");
        }
        return JSON.readTree(in).path("definitions");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The schema errors of each document, in order; empty lists when they are valid. */
  static List<List<String>> errors(List<JsonNode> documents) {
    Set<String> roots = new TreeSet<>();
    for (JsonNode document : documents) {
      definitionOf(document).ifPresent(roots::add);
    }
    if (roots.isEmpty()) {
      return documents.stream().map(document -> List.<String>of()).toList();
    }
    Loaded loaded = CACHE.computeIfAbsent(Collections.unmodifiableSet(roots), SchemaValidator::load);
    return documents.stream().map(document -> definitionOf(document)
        .map(name -> validate(loaded, name, document))
        .orElse(List.of())).toList();
  }

  private static List<String> validate(Loaded loaded, String definition, JsonNode document) {
    Schema<?> schema = loaded.api().getComponents().getSchemas().get(definition);
    ValidationReport report = loaded.validator().validate(() -> document, schema, "root");
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .filter(message -> !isIntegerForIntOrString(message))
        .map(ValidationReport.Message::getMessage)
        .toList();
  }

  /**
   * The OpenAPI document types IntOrString (a port, {@code maxUnavailable}) as a string with the
   * format int-or-string, so the validator refuses the integers Kubernetes accepts there.
   */
  static boolean isIntegerForIntOrString(ValidationReport.Message message) {
    String schema = message.getContext()
        .flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getSchema)
        .orElse("");
    return schema.endsWith("intstr.IntOrString")
        && String.valueOf(message.getMessage()).contains("Instance type (integer)");
  }

  /** Parses the definitions reachable from {@code roots}, the way fabric8's Validator does. */
  private static Loaded load(Set<String> roots) {
    JsonNode definitions = Document.DEFINITIONS;
    Set<String> keep = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (keep.add(name)) {
        references(definitions.path(name), todo);
      }
    }
    ObjectNode pruned = JSON.createObjectNode();
    pruned.put("swagger", "2.0");
    pruned.putObject("info").put("title", "Kubernetes").put("version", "0.0.0");
    pruned.putObject("paths");
    ObjectNode kept = pruned.putObject("definitions");
    keep.forEach(name -> kept.set(name, definitions.path(name)));
    String text = pruned.toString();
    for (var extension : OpenAPIV3Parser.getExtensions()) {
      var result = extension.readContents(text, null, new ParseOptions());
      if (result.getOpenAPI() != null) {
        OpenAPI api = result.getOpenAPI();
        return new Loaded(api, new com.atlassian.oai.validator.schema.SchemaValidator(api,
            new MessageResolver()));
      }
    }
    throw new IllegalStateException("cannot parse the Kubernetes OpenAPI definitions");
  }

  private static void references(JsonNode node, Deque<String> todo) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("$ref") && field.getValue().asText().startsWith(REF_PREFIX)) {
          todo.add(field.getValue().asText().substring(REF_PREFIX.length()));
        } else {
          references(field.getValue(), todo);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> references(item, todo));
    }
  }

  /** The definition of a document's kind, as fabric8's Validator names it; empty if unknown. */
  static Optional<String> definitionOf(JsonNode document) {
    String kind = document.path("kind").asText("");
    String apiVersion = document.path("apiVersion").asText("");
    if (kind.isEmpty() || apiVersion.isBlank()) {
      return Optional.empty();
    }
    String prefix;
    if (apiVersion.equals("v1")) {
      prefix = "io.k8s.api.core.v1";
    } else {
      String[] parts = apiVersion.split("/");
      if (parts.length != 2) {
        return Optional.empty();
      }
      List<String> group = Arrays.asList(parts[0].split("\\."));
      if (group.size() == 1) {
        prefix = "io.k8s.api." + group.get(0) + "." + parts[1];
      } else {
        List<String> reversed = new java.util.ArrayList<>(group);
        Collections.reverse(reversed);
        prefix = String.join(".", reversed) + "." + parts[1];
      }
    }
    return Optional.ofNullable(
        Document.BY_LOWER_NAME.get((prefix + "." + kind).toLowerCase(Locale.ROOT)));
  }
}
