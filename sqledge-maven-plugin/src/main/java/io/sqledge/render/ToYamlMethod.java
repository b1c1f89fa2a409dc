package io.sqledge.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code ${toYaml(value)}}: writes a free-form value (the user's affinity, tolerations, …) as one
 * line of YAML flow style, every text quoted by {@link YamlScalars}. Like the auto-escaping of
 * text values, it makes injection impossible: the value can only ever be that one node.
 */
final class ToYamlMethod implements TemplateMethodModelEx {

  static final String NAME = "toYaml";

  @Override
  public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
    if (arguments.size() != 1) {
      throw new TemplateModelException("toYaml takes one value");
    }
    Object value = DeepUnwrap.unwrap((TemplateModel) arguments.get(0));
    StringBuilder out = new StringBuilder();
    write(value, out);
    return YamlOutputFormat.INSTANCE.fromMarkup(out.toString());
  }

  static void write(Object value, StringBuilder out) throws TemplateModelException {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        out.append(YamlScalars.quote(String.valueOf(entry.getKey()))).append(": ");
        write(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Boolean bool) {
      out.append(bool ? "true" : "false");
    } else if (value instanceof Number number) {
      out.append(new BigDecimal(number.toString()).toPlainString());
    } else if (value instanceof String text) {
      out.append(YamlScalars.quote(text));
    } else {
      throw new TemplateModelException("toYaml cannot write a " + value.getClass().getSimpleName());
    }
  }
}
