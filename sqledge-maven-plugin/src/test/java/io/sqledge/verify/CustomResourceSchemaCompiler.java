package io.sqledge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Compiles the CRDs of the kinds the plugin writes for other operators into the grammar of {@link
 * KubernetesSchema}: each served version of a CRD becomes a {@code resource crd.<group>.<version>.
 * <Kind>}, each object with properties inside it a {@code type} named by its path. As for the
 * Kubernetes types, what a schema check needs and nothing else: types, formats, enums, required
 * fields. Patterns, lengths and bounds are left to the API server (the tests apply the output to
 * one with the CRDs installed). {@code status} is left out: the plugin never writes it.
 *
 * <p>Any construct it does not know makes it fail, so a new CRD version cannot silently weaken the
 * check.
 */
final class CustomResourceSchemaCompiler {

  private static final String OBJECT_META = "@io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  private static final String INT_OR_STRING = "@io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  private static final Set<String> KNOWN_KEYWORDS = Set.of("type", "format", "items",
      "additionalProperties", "enum", "description", "default", "properties", "required",
      "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems",
      "anyOf");

  private CustomResourceSchemaCompiler() {}

  static String compile(List<Path> crds) {
    StringBuilder out = new StringBuilder();
    out.append("# The kinds of other operators the plugin writes, compiled from their CRDs by\n")
        .append("# CustomResourceSchemaCompiler (src/test). Do not edit: see\n")
        .append("# CustomResourceSchemaFileTest. Grammar: KubernetesSchema.\n");
    for (Path file : crds) {
      JsonNode crd;
      try {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(file));
        crd = new ObjectMapper().valueToTree(yaml);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      compileCrd(file.getFileName().toString(), crd, out);
    }
    return out.toString();
  }

  private static void compileCrd(String file, JsonNode crd, StringBuilder out) {
    if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
      throw new IllegalStateException(file + ": not a CustomResourceDefinition");
    }
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    String scope = switch (spec.path("scope").asText()) {
      case "Namespaced" -> "Namespaced";
      case "Cluster" -> "Clustered";
      default -> throw new IllegalStateException(file + ": scope " + spec.path("scope"));
    };
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean()) {
        continue;
      }
      String name = "crd." + group + "." + version.path("name").asText() + "." + kind;
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      List<String> types = new ArrayList<>();
      StringBuilder resource = new StringBuilder("resource ").append(name).append(' ')
          .append(group).append('/').append(version.path("name").asText()).append(' ')
          .append(kind).append(' ').append(scope).append('\n');
      Map<String, JsonNode> properties = properties(name, schema);
      properties.remove("status");
      List<String> required = required(schema);
      properties.forEach((property, value) -> resource.append("  ").append(property)
          .append(required.contains(property) ? "! " : " ")
          .append(property.equals("metadata") ? OBJECT_META
              : type(name + "." + property, value, types))
          .append('\n'));
      out.append(resource);
      types.forEach(out::append);
    }
  }

  /** An object's properties, in name order. */
  private static Map<String, JsonNode> properties(String where, JsonNode schema) {
    Map<String, JsonNode> properties = new TreeMap<>();
    schema.path("properties").fields().forEachRemaining(field -> {
      if (field.getKey().isEmpty() || field.getKey().contains(" ")) {
        throw new IllegalStateException(where + ": property name `" + field.getKey() + "`");
      }
      properties.put(field.getKey(), field.getValue());
    });
    return properties;
  }

  private static List<String> required(JsonNode schema) {
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(field -> required.add(field.asText()));
    return required;
  }

  /**
   * One schema as a type expression; an object with properties becomes a named type, added to
   * {@code types} (with the types inside it).
   */
  private static String type(String where, JsonNode schema, List<String> types) {
    for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KNOWN_KEYWORDS.contains(key) && !key.startsWith("x-kubernetes-")) {
        throw new IllegalStateException(where + ": unsupported schema keyword " + key);
      }
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return INT_OR_STRING;
    }
    if (schema.has("anyOf")) {
      throw new IllegalStateException(where + ": anyOf without x-kubernetes-int-or-string");
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      return "any";
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "array":
        return "[]" + type(where + ".item", schema.path("items"), types);
      case "object":
        if (schema.has("properties")) {
          StringBuilder definition = new StringBuilder("type ").append(where).append('\n');
          List<String> required = required(schema);
          List<String> inner = new ArrayList<>();
          Map<String, JsonNode> properties = properties(where, schema);
          properties.forEach((property, value) -> definition.append("  ").append(property)
              .append(required.remove(property) ? "! " : " ")
              .append(type(where + "." + property, value, inner)).append('\n'));
          if (!required.isEmpty()) {
            throw new IllegalStateException(where + ": required but not defined: " + required);
          }
          types.add(definition.toString());
          types.addAll(inner);
          return "@" + where;
        }
        if (schema.path("additionalProperties").isObject()) {
          return "{}" + type(where + ".value", schema.get("additionalProperties"), types);
        }
        return "object";
      case "string", "integer", "number", "boolean":
        break;
      default:
        throw new IllegalStateException(where + ": unknown type `" + type + "`");
    }
    return KubernetesSchemaCompiler.scalar(where, type, schema);
  }
}
