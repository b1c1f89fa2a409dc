package io.sqledge.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the manifests of one instance with FreeMarker: one template, one YAML document.
 *
 * <p>The FreeMarker configuration is built once and its parsed templates are cached, so a renderer
 * is meant to be reused; it is safe to share between threads. Templates run sandboxed: no {@code
 * ?new}, no {@code ?api}, so a template cannot reach Java classes.
 */
public final class ManifestRenderer {

  private final Configuration freemarker;
  private final List<String> templateNames;

  private ManifestRenderer(Configuration freemarker, List<String> templateNames) {
    this.freemarker = freemarker;
    this.templateNames = List.copyOf(templateNames);
  }

  /** A renderer of the bundled templates. */
  public static ManifestRenderer bundled() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new ClassTemplateLoader(ManifestRenderer.class, BundledTemplates.CLASS_PATH_ROOT));
    return new ManifestRenderer(configure(cfg), BundledTemplates.IN_APPLY_ORDER);
  }

  /**
   * A renderer of other templates, looked up first in {@code loader}, then among the bundled ones
   * (which provide {@code _yaml.ftl}).
   */
  static ManifestRenderer of(TemplateLoader loader, List<String> templateNames) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
        loader, new ClassTemplateLoader(ManifestRenderer.class, BundledTemplates.CLASS_PATH_ROOT)}));
    return new ManifestRenderer(configure(cfg), templateNames);
  }

  private static Configuration configure(Configuration cfg) {
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputFormat(YamlOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setRecognizeStandardFileExtensions(false);
    cfg.setCustomNumberFormats(Map.of(YamlNumberFormat.NAME, YamlNumberFormat.FACTORY));
    cfg.setNumberFormat("@" + YamlNumberFormat.NAME);
    cfg.setBooleanFormat("c");
    cfg.setLocalizedLookup(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.addAutoImport("yaml", BundledTemplates.HELPERS);
    cfg.setSharedVariable(ToYamlMethod.NAME, new ToYamlMethod());
    return cfg;
  }

  /** The templates this renderer renders, in apply order. */
  public List<String> templateNames() {
    return templateNames;
  }

  /**
   * Renders every template for {@code config}. A template that renders to nothing (say, the
   * StorageClass when an existing class is used) yields no document.
   */
  public List<RenderedDocument> render(InstanceConfig config) throws SqledgeException {
    Map<String, Object> model = ManifestModel.of(config);
    List<RenderedDocument> documents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String name : templateNames) {
      try {
        Template template = freemarker.getTemplate(name);
        StringWriter out = new StringWriter();
        template.process(model, out);
        String text = out.toString();
        if (!isBlank(text)) {
          documents.add(new RenderedDocument(name, text));
        }
      } catch (ParseException e) {
        problems.add(Problem.error(
            Origin.file(templateFile(e.getTemplateName(), name), e.getLineNumber(), e.getColumnNumber()),
            "", "template syntax error: " + firstLine(e.getEditorMessage()),
            "fix the template; see https://freemarker.apache.org/docs/ref_directives.html"));
      } catch (TemplateException e) {
        Integer line = e.getLineNumber();
        Integer column = e.getColumnNumber();
        problems.add(Problem.error(
            Origin.file(templateFile(e.getTemplateSourceName(), name), line == null ? 0 : line, column == null ? 0 : column),
            "", "template error: " + describe(e),
            "the README's \"Templates\" section lists the values a template can use"));
      } catch (IOException e) {
        problems.add(Problem.error(Origin.file(name), "",
            "cannot read the template: " + e.getMessage(), ""));
      }
    }
    if (!problems.isEmpty()) {
      throw new SqledgeException("sqledge: rendering the manifests failed", problems);
    }
    return documents;
  }

  private static String templateFile(String sourceName, String fallback) {
    return "templates/" + (sourceName == null ? fallback : sourceName);
  }

  private static final Pattern MISSING =
      Pattern.compile("(?s).*evaluated to null or missing:\\s*==> (.*?)\\s+\\[in template.*");

  /** FreeMarker's message without its tips and stack: what failed, in one line. */
  private static String describe(TemplateException e) {
    String message = e.getMessageWithoutStackTop();
    Matcher missing = MISSING.matcher(message == null ? "" : message);
    if (missing.matches()) {
      return "`" + missing.group(1).strip() + "` is missing: the data model has no such value";
    }
    return firstLine(message);
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  /** Whether a rendered text holds no YAML content: only blank lines and comments. */
  static boolean isBlank(String text) {
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#") && !stripped.equals("---")) {
        return false;
      }
    }
    return true;
  }
}
