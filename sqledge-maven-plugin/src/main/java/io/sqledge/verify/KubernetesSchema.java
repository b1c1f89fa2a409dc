package io.sqledge.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes API types, as a schema check needs them: every definition of the Kubernetes
 * OpenAPI document that fabric8's kubernetes-model-validator ships, compiled at development time
 * into {@value #RESOURCE} (types, formats, enums, required fields, references; the kinds with their
 * API version and scope). Reading it takes milliseconds where parsing the OpenAPI document took
 * seconds; the test {@code KubernetesSchemaFileTest} keeps it equal to the document.
 *
 * <p>Grammar, one line each:
 *
 * <pre>
 * resource NAME API_VERSION KIND Namespaced|Clustered   an object type that is a kind; properties follow
 * type NAME                                            an object type; properties follow
 *   FIELD[!] TYPE                                      a property; ! = required
 * alias NAME TYPE                                      a named scalar (Quantity, IntOrString, Time)
 * TYPE: @NAME | []TYPE | {}TYPE (a map) | object | any | SCALAR[(FORMAT)]["a","b"]
 * </pre>
 */
final class KubernetesSchema {

  static final String RESOURCE = "/io/sqledge/verify/kubernetes-api.schema";

  /** A type expression. */
  sealed interface Type permits Ref, ArrayOf, MapOf, Scalar {}

  /** A named definition. */
  record Ref(String name) implements Type {}

  /** A list of {@code items}. */
  record ArrayOf(Type items) implements Type {}

  /** A map from any key to {@code values}. */
  record MapOf(Type values) implements Type {}

  /**
   * A JSON value of one type: {@code string}, {@code integer}, {@code number}, {@code boolean},
   * {@code object} (any map), or {@code any}.
   *
   * @param format the OpenAPI format, or empty
   * @param allowed the enum values, or empty for any value
   */
  record Scalar(String type, String format, Set<String> allowed) implements Type {}

  /**
   * A definition: either an object with properties, or an alias of one type.
   *
   * @param kind the kind it is, for the top-level resource types
   */
  record Definition(String name, Map<String, Type> properties, Set<String> required,
      Optional<Type> alias, Optional<Kind> kind) {

    String simpleName() {
      return name.substring(name.lastIndexOf('.') + 1);
    }
  }

  /** A resource kind: {@code apps/v1 Deployment}, namespaced or cluster-wide. */
  record Kind(String apiVersion, String kind, boolean namespaced) {}

  private static final class Loaded {
    static final KubernetesSchema INSTANCE = read();
  }

  private final Map<String, Definition> definitions;
  private final Map<String, Definition> byApiVersionAndKind;

  private KubernetesSchema(Map<String, Definition> definitions) {
    this.definitions = definitions;
    this.byApiVersionAndKind = new HashMap<>();
    definitions.values().forEach(definition -> definition.kind().ifPresent(kind ->
        byApiVersionAndKind.putIfAbsent(kind.apiVersion() + " " + kind.kind(), definition)));
  }

  /** The schema the plugin ships, read once per JVM. */
  static KubernetesSchema shipped() {
    return Loaded.INSTANCE;
  }

  /** The definition of a kind, by the document's {@code apiVersion} and {@code kind}. */
  Optional<Definition> kind(String apiVersion, String kind) {
    return Optional.ofNullable(byApiVersionAndKind.get(apiVersion + " " + kind));
  }

  Definition definition(String name) {
    Definition definition = definitions.get(name);
    if (definition == null) {
      throw new IllegalStateException(RESOURCE + " references an undefined type " + name);
    }
    return definition;
  }

  int size() {
    return definitions.size();
  }

  private static KubernetesSchema read() {
    try (InputStream in = KubernetesSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE + " in the plugin jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KubernetesSchema parse(BufferedReader reader) throws IOException {
    Map<String, Definition> definitions = new HashMap<>();
    String name = null;
    Optional<Kind> kind = Optional.empty();
    Map<String, Type> properties = null;
    Set<String> required = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("  ")) {
        int space = line.indexOf(' ', 2);
        String field = line.substring(2, space);
        if (field.endsWith("!")) {
          field = field.substring(0, field.length() - 1);
          required.add(field);
        }
        properties.put(field, type(line.substring(space + 1)));
        continue;
      }
      if (name != null) {
        definitions.put(name, new Definition(name, properties, required, Optional.empty(), kind));
        name = null;
      }
      String[] words = line.split(" ", 3);
      switch (words[0]) {
        case "alias" -> definitions.put(words[1], new Definition(words[1], Map.of(), Set.of(),
            Optional.of(type(words[2])), Optional.empty()));
        case "type", "resource" -> {
          name = words[1];
          properties = new TreeMap<>();
          required = new LinkedHashSet<>();
          kind = Optional.empty();
          if (words[0].equals("resource")) {
            String[] info = words[2].split(" ");
            kind = Optional.of(new Kind(info[0], info[1], info[2].equals("Namespaced")));
          }
        }
        default -> throw new IllegalStateException(RESOURCE + ": cannot read `" + line + "`");
      }
    }
    if (name != null) {
      definitions.put(name, new Definition(name, properties, required, Optional.empty(), kind));
    }
    return new KubernetesSchema(definitions);
  }

  static Type type(String expression) {
    if (expression.startsWith("@")) {
      return new Ref(expression.substring(1));
    }
    if (expression.startsWith("[]")) {
      return new ArrayOf(type(expression.substring(2)));
    }
    if (expression.startsWith("{}")) {
      return new MapOf(type(expression.substring(2)));
    }
    Set<String> allowed = Set.of();
    int values = expression.indexOf("[\"");
    if (values >= 0) {
      String list = expression.substring(values + 2, expression.length() - 2);
      allowed = new LinkedHashSet<>(List.of(list.split("\",\"", -1)));
      expression = expression.substring(0, values);
    }
    String format = "";
    int open = expression.indexOf('(');
    if (open >= 0) {
      format = expression.substring(open + 1, expression.length() - 1);
      expression = expression.substring(0, open);
    }
    return new Scalar(expression, format, allowed);
  }
}
