package io.sqledge.diagnostic;

import java.util.Objects;

/**
 * Where a configuration value came from: a position in a YAML file (1-based line and column), a
 * {@code -Dsqledge.*} property, or the embedded default; or, for cluster errors, the resource. Every problem points at one, so that a
 * user can go straight to the value that needs fixing.
 */
public record Origin(Kind kind, String file, int line, int column, String property) {

  /** The kinds of place a value can come from. */
  public enum Kind {
    FILE,
    PROPERTY,
    DEFAULT,
    RESOURCE
  }

  public Origin {
    Objects.requireNonNull(kind, "kind");
  }

  /** A position in a file, as a 1-based line and column. */
  public static Origin file(String file, int line, int column) {
    return new Origin(Kind.FILE, file, line, column, null);
  }

  /** A whole file, when no position inside it applies (it is empty, or unreadable). */
  public static Origin file(String file) {
    return new Origin(Kind.FILE, file, 0, 0, null);
  }

  /** A Maven user or project property such as {@code sqledge.service.port}. */
  public static Origin property(String name) {
    return new Origin(Kind.PROPERTY, null, 0, 0, name);
  }

  /** The embedded default configuration. */
  public static Origin defaults() {
    return new Origin(Kind.DEFAULT, null, 0, 0, null);
  }

  /** A resource on the cluster, such as {@code Deployment/sqledge in namespace data}. */
  public static Origin resource(String description) {
    return new Origin(Kind.RESOURCE, description, 0, 0, null);
  }

  /** Renders this origin the way compilers do, so that IDEs and terminals can link it. */
  public String describe() {
    return switch (kind) {
      case FILE -> line > 0 ? file + ":" + line + ":" + column : file;
      case PROPERTY -> "-D" + property;
      case DEFAULT -> "<embedded default>";
      case RESOURCE -> file;
    };
  }

  @Override
  public String toString() {
    return describe();
  }
}
