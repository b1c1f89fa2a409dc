package io.sqledge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the Kubernetes definitions of fabric8's OpenAPI document (the one
 * kubernetes-model-validator ships) into the compact text {@link KubernetesSchema} reads: what a
 * schema check needs (types, formats, enums, required fields, references, kinds and their scope)
 * and nothing else (no descriptions, no defaults, no OpenShift types). The plugin ships the result
 * instead of the 6.4 MB document, so that a build reads 0.2 MB and no OpenAPI parser runs;
 * {@code KubernetesSchemaFileTest} keeps the shipped file equal to what this compiles.
 *
 * <p>Any construct it does not know makes it fail, so a new fabric8 version cannot silently
 * weaken the check.
 */
final class KubernetesSchemaCompiler {

  static final String DOCUMENT = "/openshift-generated.json";
  private static final String REF_PREFIX = "#/definitions/";

  private KubernetesSchemaCompiler() {}

  static String compile() {
    JsonNode definitions;
    try (InputStream in = Validator.class.getResourceAsStream(DOCUMENT)) {
      definitions = new ObjectMapper().readTree(in).path("definitions");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, JsonNode> kubernetes = new TreeMap<>();
    definitions.fields().forEachRemaining(field -> {
      if (field.getKey().startsWith("io.k8s.")) {
        kubernetes.put(field.getKey(), field.getValue());
      }
    });
    StringBuilder out = new StringBuilder();
    out.append("# The Kubernetes API types, compiled from fabric8 kubernetes-model-validator's\n")
        .append("# OpenAPI document by KubernetesSchemaCompiler (src/test). Do not edit: see\n")
        .append("# KubernetesSchemaFileTest. Grammar: KubernetesSchema.\n");
    kubernetes.forEach((name, definition) -> compileDefinition(name, definition, out));
    // The document references a few types it does not define (RawExtension, runtime.Object):
    // embedded objects of any shape, so anything goes there.
    Set<String> undefined = new TreeSet<>();
    Matcher reference = Pattern.compile("@([^\\s\\[\\]{}]+)").matcher(out);
    while (reference.find()) {
      if (!kubernetes.containsKey(reference.group(1))) {
        undefined.add(reference.group(1));
      }
    }
    undefined.forEach(name -> out.append("alias ").append(name).append(" any\n"));
    return out.toString();
  }

  private static void compileDefinition(String name, JsonNode definition, StringBuilder out) {
    JsonNode info = definition.path("x-fabric8-info");
    Optional<String> apiVersion = info.path("Type").asText().equals("object")
        ? apiVersion(name).filter(version -> fabric8Knows(version, info.path("Kind").asText()))
        : Optional.empty();
    if (apiVersion.isPresent()) {
      String scope = info.path("Scope").asText();
      if (!scope.equals("Namespaced") && !scope.equals("Clustered")) {
        throw new IllegalStateException(name + ": unknown scope " + scope);
      }
      out.append("resource ").append(name).append(' ').append(apiVersion.get()).append(' ')
          .append(info.path("Kind").asText()).append(' ').append(scope).append('\n');
    } else if (!definition.has("properties")) {
      out.append("alias ").append(name).append(' ').append(type(name, definition)).append('\n');
      return;
    } else {
      out.append("type ").append(name).append('\n');
    }
    if (!definition.path("type").asText("object").equals("object")) {
      throw new IllegalStateException(name + ": properties on a non-object");
    }
    List<String> required = new ArrayList<>();
    definition.path("required").forEach(field -> required.add(field.asText()));
    Map<String, JsonNode> properties = new TreeMap<>();
    definition.path("properties").fields()
        .forEachRemaining(field -> properties.put(field.getKey(), field.getValue()));
    properties.forEach((property, schema) -> {
      if (property.isEmpty() || property.contains(" ")) {
        throw new IllegalStateException(name + ": property name `" + property + "`");
      }
      out.append("  ").append(property).append(required.remove(property) ? "! " : " ")
          .append(type(name + "." + property, schema)).append('\n');
    });
    if (!required.isEmpty()) {
      throw new IllegalStateException(name + ": required but not defined: " + required);
    }
  }

  /**
   * The {@code apiVersion} of a kind's definition: {@code io.k8s.api.apps.v1.Deployment} is
   * {@code apps/v1}, {@code io.k8s.api.storage.v1.StorageClass} is {@code storage.k8s.io/v1}.
   * (The document's own {@code x-fabric8-info} leaves the group empty for apps, batch, ….)
   */
  static Optional<String> apiVersion(String name) {
    Matcher matcher = DEFINITION.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String pkg = matcher.group(1);
    String version = matcher.group(2);
    String group = switch (pkg) {
      case "core", "meta" -> "";
      case "apps", "batch", "autoscaling", "policy", "extensions" -> pkg;
      case "rbac" -> "rbac.authorization.k8s.io";
      case "flowcontrol" -> "flowcontrol.apiserver.k8s.io";
      case "apiserverinternal" -> "internal.apiserver.k8s.io";
      default -> pkg + ".k8s.io";
    };
    return Optional.of(group.isEmpty() ? version : group + "/" + version);
  }

  private static final Pattern DEFINITION = Pattern.compile(
      "io\\.k8s\\.(?:api|apimachinery\\.pkg\\.apis)\\.([a-z]+)\\.(v[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)\\.[A-Za-z]+");

  /** Whether fabric8's model has a class of its own for the kind (not a generic resource). */
  static boolean fabric8Knows(String apiVersion, String kind) {
    Object typed = new ObjectMapper().convertValue(
        Map.of("apiVersion", apiVersion, "kind", kind), KubernetesResource.class);
    return typed instanceof HasMetadata && !(typed instanceof GenericKubernetesResource);
  }

  /** One schema as a type expression: {@code @ref}, {@code []T}, {@code {}T}, {@code T(format)}, {@code T["a","b"]}. */
  private static String type(String where, JsonNode schema) {
    for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!List.of("type", "format", "items", "additionalProperties", "enum", "$ref",
          "description", "default").contains(key) && !key.startsWith("x-")) {
        throw new IllegalStateException(where + ": unsupported schema keyword " + key);
      }
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith(REF_PREFIX + "io.k8s.")) {
        throw new IllegalStateException(where + ": reference outside Kubernetes: " + ref);
      }
      return "@" + ref.substring(REF_PREFIX.length());
    }
    String type = schema.path("type").asText("any");
    switch (type) {
      case "array":
        return "[]" + type(where + "[]", schema.path("items"));
      case "object":
        if (schema.path("additionalProperties").isObject()) {
          return "{}" + type(where + "{}", schema.get("additionalProperties"));
        }
        return "object";
      case "string", "integer", "number", "boolean", "any":
        break;
      default:
        throw new IllegalStateException(where + ": unknown type " + type);
    }
    return scalar(where, type, schema);
  }

  /**
   * A scalar type with its format and enum, {@code T(format)["a","b"]}; shared with {@link
   * CustomResourceSchemaCompiler}. An enum value the grammar cannot hold makes it fail.
   */
  static String scalar(String where, String type, JsonNode schema) {
    StringBuilder expression = new StringBuilder(type);
    if (schema.has("format")) {
      expression.append('(').append(schema.get("format").asText()).append(')');
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      for (JsonNode value : schema.get("enum")) {
        if (!value.isTextual() || value.asText().contains("\"")
            || value.asText().contains(",")) {
          throw new IllegalStateException(where + ": unsupported enum value " + value);
        }
        values.add("\"" + value.asText() + "\"");
      }
      expression.append('[').append(String.join(",", values)).append(']');
    }
    return expression.toString();
  }

  /** Writes the compiled schema where the plugin's sources keep it. */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path target = java.nio.file.Path.of(args.length > 0 ? args[0]
        : "src/main/resources" + KubernetesSchema.RESOURCE);
    java.nio.file.Files.writeString(target, compile());
    System.out.println("wrote " + target);
  }
}
