package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Fleets: one configuration for many instances (a database per store, factory or site). The file's
 * {@code instances} list holds each instance's own settings; the rest of the file is shared.
 */
final class Fleets {

  static final String KEY = "instances";

  private Fleets() {}

  /** The {@code instances} list, if the file has one; problems when it is malformed. */
  static Optional<SequenceNode> instancesOf(MappingNode user, String file, Problems problems) {
    if (user == null) {
      return Optional.empty();
    }
    for (NodeTuple tuple : user.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(KEY)) {
        Node value = tuple.getValueNode();
        Origin at = Origin.file(file, value.getStartMark().getLine() + 1,
            value.getStartMark().getColumn() + 1);
        if (!(value instanceof SequenceNode list) || list.getValue().isEmpty()) {
          problems.error(at, KEY, "`instances` must be a list of instances, each a map with at"
              + " least a `name`", "write one `- name: …` entry per instance");
          return Optional.empty();
        }
        boolean valid = true;
        for (int i = 0; i < list.getValue().size(); i++) {
          Node item = list.getValue().get(i);
          Origin itemAt = Origin.file(file, item.getStartMark().getLine() + 1,
              item.getStartMark().getColumn() + 1);
          if (!(item instanceof MappingNode mapping)) {
            problems.error(itemAt, KEY + "[" + i + "]", "`instances[" + i + "]` must be a map of"
                + " settings", "write `- name: …` and the instance's settings under it");
            valid = false;
          } else if (mapping.getValue().stream().noneMatch(t -> t.getKeyNode()
              instanceof ScalarNode k && k.getValue().equals("name"))) {
            problems.error(itemAt, KEY + "[" + i + "]", "`instances[" + i + "]` has no `name`",
                "give every instance its own name");
            valid = false;
          }
        }
        return valid ? Optional.of(list) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The shared part of a fleet file: everything but {@code instances}. */
  static MappingNode withoutInstances(MappingNode user) {
    List<NodeTuple> shared = user.getValue().stream()
        .filter(t -> !(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(KEY)))
        .toList();
    return new MappingNode(user.getTag(), true, shared, user.getStartMark(), user.getEndMark(),
        user.getFlowStyle());
  }

  /**
   * The layer that names each instance's claim {@code <name>-data}, between the shared settings
   * and the platform preset: instances often share a namespace, so each gets its own claim unless
   * a property, the instance or the shared part names one. Its nodes carry the position of the
   * instance's {@code name}, where an error about the derived claim name points.
   */
  static MappingNode claimLayer(String name, MappingNode instance, Set<Node> userNodes) {
    Node at = instance.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name"))
        .map(NodeTuple::getValueNode).findFirst().orElse(instance);
    Mark start = at.getStartMark();
    Mark end = at.getEndMark();
    MappingNode claim = new MappingNode(Tag.MAP, true, List.of(new NodeTuple(
        new ScalarNode(Tag.STR, "claimName", start, end, DumperOptions.ScalarStyle.PLAIN),
        new ScalarNode(Tag.STR, name + "-data", start, end, DumperOptions.ScalarStyle.PLAIN))),
        start, end, DumperOptions.FlowStyle.BLOCK);
    MappingNode layer = new MappingNode(Tag.MAP, true, List.of(new NodeTuple(
        new ScalarNode(Tag.STR, "storage", start, end, DumperOptions.ScalarStyle.PLAIN), claim)),
        start, end, DumperOptions.FlowStyle.BLOCK);
    collect(layer, userNodes);
    return layer;
  }

  /** Adds {@code node} and everything under it to {@code nodes}. */
  static void collect(Node node, Set<Node> nodes) {
    if (node == null || !nodes.add(node)) {
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        collect(tuple.getKeyNode(), nodes);
        collect(tuple.getValueNode(), nodes);
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> collect(item, nodes));
    }
  }
}
