package io.sqledge.verify;

import io.sqledge.diagnostic.Suggestions;
import io.sqledge.verify.KubernetesSchema.ArrayOf;
import io.sqledge.verify.KubernetesSchema.Definition;
import io.sqledge.verify.KubernetesSchema.MapOf;
import io.sqledge.verify.KubernetesSchema.Ref;
import io.sqledge.verify.KubernetesSchema.Scalar;
import io.sqledge.verify.KubernetesSchema.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a parsed document against its kind's definition in the {@link KubernetesSchema}, the way
 * the API server's strict field validation would: unknown fields, missing required fields, wrong
 * types, integers out of range and values outside an enum (but the empty string, which the API
 * server reads as unset) are errors. An integer is accepted where
 * Kubernetes takes an IntOrString (a port name or number).
 *
 * <p>It walks the document as SnakeYAML parsed it (maps, lists, strings, numbers, booleans), so
 * checking needs neither Jackson nor the fabric8 model classes; {@code SchemaParityTest} holds its
 * verdicts to those of fabric8's kubernetes-model-validator.
 */
final class SchemaChecker {

  /** One violation: where in the document (YAML path), and what is wrong. */
  record Violation(String path, String message, String fix) {}

  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final KubernetesSchema schema;
  private final List<Violation> violations = new ArrayList<>();

  private SchemaChecker(KubernetesSchema schema) {
    this.schema = schema;
  }

  /** The violations of {@code document} against {@code definition}, in document order. */
  static List<Violation> check(KubernetesSchema schema, Definition definition,
      Map<String, Object> document) {
    SchemaChecker checker = new SchemaChecker(schema);
    checker.object(document, definition, "");
    return checker.violations;
  }

  private void value(Object value, Type type, String path) {
    if (type instanceof Ref ref) {
      Definition definition = schema.definition(ref.name());
      if (definition.alias().isPresent()) {
        value(value, definition.alias().get(), path);
      } else if (value instanceof Map<?, ?> map) {
        object(map, definition, path);
      } else {
        wrongType(path, value, "a " + definition.simpleName() + " (a map)");
      }
    } else if (type instanceof ArrayOf array) {
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          value(list.get(i), array.items(), path + "[" + i + "]");
        }
      } else {
        wrongType(path, value, "a list");
      }
    } else if (type instanceof MapOf map) {
      if (value instanceof Map<?, ?> entries) {
        entries.forEach((key, entry) -> value(entry, map.values(), join(path, String.valueOf(key))));
      } else {
        wrongType(path, value, "a map");
      }
    } else {
      scalar(value, (Scalar) type, path);
    }
  }

  private void object(Map<?, ?> map, Definition definition, String path) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String field = String.valueOf(entry.getKey());
      Type type = definition.properties().get(field);
      if (type == null) {
        String known = Suggestions.closest(field, definition.properties().keySet())
            .map(name -> "did you mean `" + name + "`?")
            .orElse("a " + definition.simpleName() + " has: " + definition.properties().keySet()
                .stream().collect(Collectors.joining(", ")));
        violations.add(new Violation(join(path, field), "unknown field `" + field + "` in a "
            + definition.simpleName(), known));
      } else {
        value(entry.getValue(), type, join(path, field));
      }
    }
    for (String field : definition.required()) {
      if (!map.containsKey(field)) {
        violations.add(new Violation(path, "a " + definition.simpleName()
            + " needs the field `" + field + "`", "set `" + join(path, field) + "`"));
      }
    }
  }

  private void scalar(Object value, Scalar scalar, String path) {
    boolean matches = switch (scalar.type()) {
      case "any" -> true;
      case "object" -> value instanceof Map;
      case "boolean" -> value instanceof Boolean;
      case "number" -> value instanceof Number;
      case "integer" -> isInteger(value);
      case "string" -> value instanceof String
          || scalar.format().equals("int-or-string") && isInteger(value);
      default -> throw new IllegalStateException("unknown schema type " + scalar.type());
    };
    if (!matches) {
      wrongType(path, value, describe(scalar));
      return;
    }
    if (isInteger(value) && !inRange(new BigInteger(String.valueOf(value)), scalar.format())) {
      violations.add(new Violation(path, "`" + value + "` is out of range for an "
          + scalar.format() + " integer", "use a smaller number"));
    } else if (!scalar.allowed().isEmpty() && !scalar.allowed().contains(String.valueOf(value))
        // An empty string is an unset value to the API server, defaulted or read as the default
        // before its validation code runs (a toleration's operator "" is Equal, its effect ""
        // every effect): the schema's enums list the values that may be written, not "".
        && !String.valueOf(value).isEmpty()) {
      violations.add(new Violation(path, "`" + value + "` is not one of " + scalar.allowed()
          .stream().map(allowed -> "`" + allowed + "`").collect(Collectors.joining(", ")),
          "use one of the listed values"));
    }
  }

  private static boolean inRange(BigInteger number, String format) {
    return switch (format) {
      case "int32", "int-or-string" -> number.compareTo(INT32_MIN) >= 0 && number.compareTo(INT32_MAX) <= 0;
      default -> number.compareTo(INT64_MIN) >= 0 && number.compareTo(INT64_MAX) <= 0;
    };
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  private void wrongType(String path, Object value, String expected) {
    violations.add(new Violation(path, "expected " + expected + ", found " + describeValue(value),
        "fix the template so that the field matches the Kubernetes API"));
  }

  private static String describe(Scalar scalar) {
    return switch (scalar.type()) {
      case "string" -> scalar.format().equals("int-or-string") ? "a string or an integer"
          : "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> "a map";
    };
  }

  private static String describeValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "a map";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof String text) {
      return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return "`" + value + "`";
    }
    return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
