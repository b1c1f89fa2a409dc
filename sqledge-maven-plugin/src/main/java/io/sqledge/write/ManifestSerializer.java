package io.sqledge.write;

import io.sqledge.verify.Manifest;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes verified documents back to YAML in one canonical style (block style, two-space indents,
 * LF line ends, no line folding), so that output is byte-identical for identical input and what is
 * written is exactly what was verified.
 *
 * <p>Strings are quoted whenever any YAML 1.1 reader could take them for something else. kubectl's
 * YAML library reads {@code y}, {@code Y}, {@code n} and {@code N} as booleans, which SnakeYAML
 * does not, so {@code ACCEPT_EULA: Y} must be written {@code 'Y'}.
 *
 * <p>One serializer is meant for one output (a fleet's thousands of documents share its SnakeYAML
 * set-up); it is not thread-safe.
 */
final class ManifestSerializer {

  private final Yaml yaml = yaml();

  String document(Manifest manifest) {
    return document(manifest.document());
  }

  String document(Map<String, Object> document) {
    return yaml.dump(document);
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setAllowUnicode(true);
    // A control character in a value (U+007F, U+0085) stays text, escaped in double quotes: the
    // default would turn the whole value into !!binary, which kubectl cannot read.
    options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
    return new Yaml(
        new SafeConstructor(new LoaderOptions()),
        new Representer(options),
        options,
        new LoaderOptions(),
        new StrictResolver());
  }

  /** SnakeYAML's resolver plus the one-letter booleans of YAML 1.1 that Go's YAML reads. */
  private static final class StrictResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:y|Y|n|N)$"), "yYnN");
      super.addImplicitResolvers();
    }
  }
}
