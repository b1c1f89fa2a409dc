package io.sqledge.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes API types, as a schema check needs them: every definition of the Kubernetes
 * OpenAPI document that fabric8's kubernetes-model-validator ships, compiled at development time
 * into {@value #RESOURCE} (types, formats, enums, required fields, references; the kinds with their
 * API version and scope). Reading it takes milliseconds where parsing the OpenAPI document took
 * seconds, and each definition is parsed only when a check first needs it; the test {@code
 * KubernetesSchemaFileTest} keeps it equal to the document.
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

  /**
   * The kinds of other operators the plugin writes (cert-manager's Certificate, the Prometheus
   * operator's ServiceMonitor), compiled in the same grammar from their CRDs' schemas; {@code
   * CustomResourceSchemaFileTest} keeps it equal to the CRDs of the versions the tests install.
   */
  static final String CUSTOM_RESOURCES = "/io/sqledge/verify/custom-resources.schema";

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

  /** Where a definition's lines are in the text. */
  private record Span(int start, int end) {}

  private final String text;
  private final Map<String, Span> spans;
  private final Map<String, String> namesByApiVersionAndKind;
  private final Map<String, Definition> parsed = new ConcurrentHashMap<>();

  private KubernetesSchema(String text, Map<String, Span> spans,
      Map<String, String> namesByApiVersionAndKind) {
    this.text = text;
    this.spans = spans;
    this.namesByApiVersionAndKind = namesByApiVersionAndKind;
  }

  /** The schema the plugin ships, read once per JVM. */
  static KubernetesSchema shipped() {
    return Loaded.INSTANCE;
  }

  /** The definition of a kind, by the document's {@code apiVersion} and {@code kind}. */
  Optional<Definition> kind(String apiVersion, String kind) {
    return Optional.ofNullable(namesByApiVersionAndKind.get(apiVersion + " " + kind))
        .map(this::definition);
  }

  /** A definition, parsed on first use. */
  Definition definition(String name) {
    Definition definition = parsed.get(name);
    if (definition == null) {
      Span span = spans.get(name);
      if (span == null) {
        throw new IllegalStateException(RESOURCE + " references an undefined type " + name);
      }
      definition = parsed.computeIfAbsent(name, ignored -> parseDefinition(span));
    }
    return definition;
  }

  int size() {
    return spans.size();
  }

  private static KubernetesSchema read() {
    return parse(text(RESOURCE) + text(CUSTOM_RESOURCES));
  }

  private static String text(String resource) {
    try (InputStream in = KubernetesSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " in the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Indexes the definitions of a schema text. Each is parsed when first asked for: a run checks
   * a few dozen of the 1,000 and more, and parsing them all cost 80 to 110 ms of a fresh JVM's
   * time on every build.
   */
  static KubernetesSchema parse(String text) {
    Map<String, Span> spans = new HashMap<>();
    Map<String, String> kinds = new HashMap<>();
    String name = null;
    int blockStart = 0;
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      char first = lineEnd > lineStart ? text.charAt(lineStart) : '#';
      if (first != ' ' && first != '#') {
        if (name != null) {
          spans.put(name, new Span(blockStart, lineStart));
          name = null;
        }
        String[] words = text.substring(lineStart, lineEnd).split(" ", 3);
        switch (words[0]) {
          case "alias" -> spans.put(words[1], new Span(lineStart, lineEnd));
          case "type", "resource" -> {
            name = words[1];
            blockStart = lineStart;
            if (words[0].equals("resource")) {
              Kind kind = kindOf(words[2]);
              kinds.putIfAbsent(kind.apiVersion() + " " + kind.kind(), name);
            }
          }
          default -> throw new IllegalStateException(RESOURCE + ": cannot read `"
              + text.substring(lineStart, lineEnd) + "`");
        }
      }
      lineStart = lineEnd + 1;
    }
    if (name != null) {
      spans.put(name, new Span(blockStart, text.length()));
    }
    return new KubernetesSchema(text, spans, kinds);
  }

  /** {@code apps/v1 Deployment Namespaced}. */
  private static Kind kindOf(String words) {
    String[] info = words.split(" ");
    return new Kind(info[0], info[1], info[2].equals("Namespaced"));
  }

  /** A definition from its lines: an alias, or a type or resource and its properties. */
  private Definition parseDefinition(Span span) {
    String[] lines = text.substring(span.start(), span.end()).split("\n");
    String[] words = lines[0].split(" ", 3);
    if (words[0].equals("alias")) {
      return new Definition(words[1], Map.of(), Set.of(), Optional.of(type(words[2])),
          Optional.empty());
    }
    Map<String, Type> properties = new TreeMap<>();
    Set<String> required = new LinkedHashSet<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!line.startsWith("  ")) {
        continue; // a comment
      }
      int space = line.indexOf(' ', 2);
      String field = line.substring(2, space);
      if (field.endsWith("!")) {
        field = field.substring(0, field.length() - 1);
        required.add(field);
      }
      properties.put(field, type(line.substring(space + 1)));
    }
    Optional<Kind> kind = words[0].equals("resource") ? Optional.of(kindOf(words[2]))
        : Optional.empty();
    return new Definition(words[1], properties, required, Optional.empty(), kind);
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
