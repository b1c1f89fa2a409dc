package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problems;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into SnakeYAML's node tree, which keeps every value's line and column.
 *
 * <p>It composes nodes and never constructs objects, so a document cannot instantiate types, and it
 * sets limits that keep hostile input cheap: the size, the nesting depth and the number of aliases
 * (a "billion laughs" document is refused, not expanded).
 */
public final class YamlDocumentReader {

  /** Far more than any real configuration; stops a runaway file before it is parsed. */
  public static final int MAX_BYTES = 1024 * 1024;

  static final int MAX_NESTING_DEPTH = 32;
  static final int MAX_ALIASES = 20;

  private YamlDocumentReader() {}

  /**
   * Parses {@code bytes} as one UTF-8 YAML document; adds a problem and returns empty on any error.
   * A file with no document at all (empty, or only comments) also returns empty, without a problem.
   */
  public static Optional<Node> read(byte[] bytes, String displayName, Problems problems) {
    Origin file = Origin.file(displayName);
    if (bytes.length > MAX_BYTES) {
      problems.error(
          file,
          "",
          "the file is " + bytes.length + " bytes, more than the " + MAX_BYTES + " bytes allowed",
          "a sqledge configuration is a few hundred bytes: check that `sqledge.config` names the"
              + " right file");
      return Optional.empty();
    }
    Optional<String> text = decodeUtf8(bytes, displayName, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Yaml yaml = new Yaml(loaderOptions());
    try {
      List<Node> documents = new ArrayList<>();
      for (Node document : yaml.composeAll(new StringReader(text.get()))) {
        documents.add(document);
      }
      if (documents.size() > 1) {
        Mark start = documents.get(1).getStartMark();
        problems.error(
            Origin.file(displayName, start.getLine() + 1, start.getColumn() + 1),
            "",
            "the file holds " + documents.size() + " YAML documents, but a configuration is one",
            "remove the `---` separators, or describe several instances in one document");
        return Optional.empty();
      }
      if (!documents.isEmpty() && !withoutTags(documents.get(0), displayName, problems)) {
        return Optional.empty();
      }
      return documents.stream().findFirst();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Origin at =
          mark == null ? file : Origin.file(displayName, mark.getLine() + 1, mark.getColumn() + 1);
      problems.error(at, "", "invalid YAML: " + describe(e), yamlHint(e));
      return Optional.empty();
    } catch (YAMLException e) {
      if (String.valueOf(e.getMessage()).contains("Nesting Depth")) {
        problems.error(
            Origin.file(displayName, lineTooDeep(text.get()), 1),
            "",
            "the file nests more than " + MAX_NESTING_DEPTH + " levels deep",
            "a sqledge configuration is at most a few levels deep; check the indentation");
      } else {
        problems.error(file, "", "invalid YAML: " + e.getMessage(), "");
      }
      return Optional.empty();
    }
  }

  /**
   * The first line nested deeper than the limit, by indentation and open brackets; SnakeYAML's
   * depth error carries no position.
   */
  static int lineTooDeep(String text) {
    java.util.ArrayDeque<Integer> indents = new java.util.ArrayDeque<>();
    int flow = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      while (!indents.isEmpty() && indents.peek() >= indent) {
        indents.pop();
      }
      indents.push(indent);
      for (char c : stripped.toCharArray()) {
        if (c == '[' || c == '{') {
          flow++;
          if (indents.size() + flow > MAX_NESTING_DEPTH) {
            return i + 1;
          }
        } else if (c == ']' || c == '}') {
          flow = Math.max(0, flow - 1);
        }
      }
      if (indents.size() + flow > MAX_NESTING_DEPTH) {
        return i + 1;
      }
    }
    return 1;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    return options;
  }

  private static Optional<String> decodeUtf8(byte[] bytes, String displayName, Problems problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return Optional.of(decoder.decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8Offset(bytes);
      int line = 1;
      int column = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      problems.error(
          Origin.file(displayName, line, column),
          "",
          "the file is not valid UTF-8 (byte " + offset + ")",
          "save the file as UTF-8 text");
      return Optional.empty();
    }
  }

  private static int firstInvalidUtf8Offset(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  /** SnakeYAML's messages carry a code snippet; keep only the words. */
  private static String describe(MarkedYAMLException e) {
    StringBuilder text = new StringBuilder();
    if (e.getContext() != null) {
      text.append(e.getContext().trim());
    }
    if (e.getProblem() != null) {
      if (!text.isEmpty()) {
        text.append(": ");
      }
      text.append(e.getProblem().trim());
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  private static String yamlHint(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    if (problem.contains("\\t") || problem.contains("tab")) {
      return "indent with spaces; YAML does not allow tabs for indentation";
    }
    if (problem.contains("exceeds the limit") || problem.contains("Number of aliases")) {
      return "write the values out instead of using YAML aliases";
    }
    if (problem.contains("depth")) {
      return "a sqledge configuration is at most a few levels deep";
    }
    if (problem.contains("tag")) {
      return "remove the tag: a sqledge configuration holds plain text, numbers and true/false";
    }
    if (problem.contains("found duplicate key") || problem.contains("duplicate")) {
      return "remove one of the two entries";
    }
    return "check the indentation and quoting around this position";
  }

  /**
   * Refuses every tag written in the file ({@code !!binary}, {@code !!timestamp}, {@code !!str},
   * {@code !secret}, on values, maps and lists): a sqledge configuration holds plain text,
   * numbers and true/false, and a tag would change what a value means. A tag is explicit where
   * the node's tag differs from the one YAML resolves from its text.
   */
  private static boolean withoutTags(Node node, String displayName, Problems problems) {
    Tag implicit = switch (node.getNodeId()) {
      case mapping -> Tag.MAP;
      case sequence -> Tag.SEQ;
      case scalar -> ((ScalarNode) node).isPlain()
          ? RESOLVER.resolve(NodeId.scalar, ((ScalarNode) node).getValue(), true) : Tag.STR;
      default -> node.getTag();
    };
    boolean clean = true;
    if (!node.getTag().equals(implicit)) {
      Mark start = node.getStartMark();
      problems.error(Origin.file(displayName, start.getLine() + 1, start.getColumn() + 1), "",
          "the YAML tag `" + shortTag(node.getTag()) + "` is not supported",
          "remove the tag: a sqledge configuration holds plain text, numbers and true/false");
      clean = false;
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        clean &= withoutTags(tuple.getKeyNode(), displayName, problems);
        clean &= withoutTags(tuple.getValueNode(), displayName, problems);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        clean &= withoutTags(item, displayName, problems);
      }
    }
    return clean;
  }

  private static final Resolver RESOLVER = new Resolver();

  /** {@code !!binary} for YAML's own tags, the tag as written otherwise. */
  private static String shortTag(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }
}
