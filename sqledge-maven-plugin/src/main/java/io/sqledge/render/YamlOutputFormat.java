package io.sqledge.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * A FreeMarker output format for YAML with automatic escaping: every {@code ${…}} of a text value
 * becomes a double-quoted YAML scalar (see {@link YamlScalars}). Templates therefore cannot forget
 * to escape, and a value can never change the document's structure.
 *
 * <p>Numbers are not text: {@link YamlNumberFormat} renders them as plain YAML integers. Booleans
 * go through the {@code bool} function of {@code _yaml.ftl}.
 */
public final class YamlOutputFormat
    extends CommonMarkupOutputFormat<YamlOutputFormat.YamlOutput> {

  public static final YamlOutputFormat INSTANCE = new YamlOutputFormat();

  private YamlOutputFormat() {}

  @Override
  public String getName() {
    return "YAML";
  }

  @Override
  public String getMimeType() {
    return "application/yaml";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(YamlScalars.quote(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return YamlScalars.quote(plainTextContent);
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected YamlOutput newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new YamlOutput(plainTextContent, markupContent);
  }

  /** A piece of YAML text that is already safe to output. */
  public static final class YamlOutput extends CommonTemplateMarkupOutputModel<YamlOutput> {

    YamlOutput(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public YamlOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
