package io.sqledge.render;

import freemarker.core.TemplateFormatUtil;
import freemarker.core.TemplateNumberFormat;
import freemarker.core.TemplateNumberFormatFactory;
import freemarker.core.TemplateValueFormatException;
import freemarker.core.Environment;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Renders numbers as YAML integers ({@code 1433}, never {@code "1,433"} or a quoted string), so that
 * {@code ${service.port}} needs no built-in in the templates. Only whole numbers occur in the
 * manifests; a fraction is a template bug and fails the render.
 */
final class YamlNumberFormat extends TemplateNumberFormat {

  static final String NAME = "yaml";
  static final Factory FACTORY = new Factory();
  private static final YamlNumberFormat INSTANCE = new YamlNumberFormat();

  @Override
  public Object format(TemplateNumberModel number)
      throws TemplateValueFormatException, TemplateModelException {
    return YamlOutputFormat.INSTANCE.fromMarkup(formatToPlainText(number));
  }

  @Override
  public String formatToPlainText(TemplateNumberModel number)
      throws TemplateValueFormatException, TemplateModelException {
    Number value = TemplateFormatUtil.getNonNullNumber(number);
    BigDecimal decimal = new BigDecimal(value.toString());
    if (decimal.stripTrailingZeros().scale() > 0) {
      throw new freemarker.core.UnformattableValueException(
          "only whole numbers can be written into a manifest, not " + value);
    }
    return decimal.toBigInteger().toString();
  }

  @Override
  public boolean isLocaleBound() {
    return false;
  }

  @Override
  public String getDescription() {
    return "YAML integer";
  }

  static final class Factory extends TemplateNumberFormatFactory {
    @Override
    public TemplateNumberFormat get(String params, Locale locale, Environment env)
        throws TemplateValueFormatException {
      TemplateFormatUtil.checkHasNoParameters(params);
      return INSTANCE;
    }
  }
}
