package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each configuration value came from, by path ({@code storage.size}). The checks use it to
 * point an error at the line the user wrote, or at the property or default the value came from.
 */
public final class SourceMap {

  private final TreeMap<String, Origin> origins;

  SourceMap(Map<String, Origin> origins) {
    this.origins = new TreeMap<>(origins);
  }

  /**
   * The origin of {@code path}, else of its closest enclosing list or section ({@code
   * service.loadBalancerSourceRanges[2]} → {@code service.loadBalancerSourceRanges} → {@code
   * service}), else the default.
   */
  public Origin at(String path) {
    String current = path;
    while (true) {
      Origin origin = origins.get(current);
      if (origin != null) {
        return origin;
      }
      int end = current.endsWith("]") ? current.lastIndexOf('[') : current.lastIndexOf('.');
      if (end < 0) {
        return origins.getOrDefault("", Origin.defaults());
      }
      current = current.substring(0, end);
    }
  }

  /** Whether the user set {@code path} or a key under it (in the file or by a property). */
  public boolean isSet(String path) {
    Origin own = origins.get(path);
    if (own != null && own.kind() != Origin.Kind.DEFAULT) {
      return true;
    }
    String prefix = path + ".";
    return origins.tailMap(prefix).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .anyMatch(e -> e.getValue().kind() != Origin.Kind.DEFAULT);
  }
}
