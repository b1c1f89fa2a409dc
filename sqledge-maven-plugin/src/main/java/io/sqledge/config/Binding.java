package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** The state shared by the sections of one file: its name, the overrides, what was found. */
final class Binding {

  final String displayName;
  final Map<String, String> overrides;
  final Problems problems;
  final Map<String, Origin> sources = new LinkedHashMap<>();
  final List<String> usedOverrides = new ArrayList<>();
  /** Every node of the user's file, by identity, to tell its values from the defaults'. */
  final Set<Node> userNodes = Collections.newSetFromMap(new IdentityHashMap<>());

  Binding(String displayName, Map<String, String> overrides, Problems problems) {
    this.displayName = displayName;
    this.overrides = overrides;
    this.problems = problems;
  }

  Optional<String> override(String path) {
    String value = overrides.get(path);
    if (value == null) {
      return Optional.empty();
    }
    sources.put(path, Origin.property("sqledge." + path));
    usedOverrides.add(path);
    return Optional.of(value);
  }
}
