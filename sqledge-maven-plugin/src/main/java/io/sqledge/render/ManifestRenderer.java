package io.sqledge.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final Function<String, String> displayName;

  private ManifestRenderer(Configuration freemarker, List<String> templateNames,
      Function<String, String> displayName) {
    this.freemarker = freemarker;
    this.templateNames = List.copyOf(templateNames);
    this.displayName = displayName;
  }

  /** A renderer of the bundled templates. */
  public static ManifestRenderer bundled() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new ClassTemplateLoader(ManifestRenderer.class, BundledTemplates.CLASS_PATH_ROOT));
    return new ManifestRenderer(configure(cfg), BundledTemplates.IN_APPLY_ORDER,
        name -> "templates/" + name);
  }

  /**
   * A renderer of the bundled templates overridden by a project's own: a file of the project's
   * directory replaces the bundled one of the same name, and any other {@code *.yaml.ftl} there is
   * rendered as one more resource, after the bundled ones, in name order. Files whose name starts
   * with {@code _} are for {@code <#include>} only.
   *
   * @param directory the project's template directory
   * @param shownAs how messages name that directory ({@code src/main/sqledge/templates})
   */
  public static ManifestRenderer withProjectTemplates(Path directory, String shownAs)
      throws SqledgeException {
    List<String> names = new ArrayList<>(BundledTemplates.IN_APPLY_ORDER);
    try (Stream<Path> files = Files.list(directory)) {
      files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yaml.ftl") && !name.startsWith("_"))
          .filter(name -> !names.contains(name) && !BundledTemplates.FLEET.contains(name))
          .sorted()
          .forEach(names::add);
      Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
      cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
          new FileTemplateLoader(directory.toFile()),
          new ClassTemplateLoader(ManifestRenderer.class, BundledTemplates.CLASS_PATH_ROOT)}));
      return new ManifestRenderer(configure(cfg), names,
          name -> Files.exists(directory.resolve(name)) ? shownAs + "/" + name : "templates/" + name);
    } catch (IOException e) {
      throw new SqledgeException("sqledge: cannot read the project's templates",
          List.of(Problem.error(Origin.file(shownAs), "", e.getClass().getSimpleName() + ": "
              + e.getMessage(), "check that " + shownAs + " is a readable directory")));
    }
  }

  /**
   * A renderer of other templates, looked up first in {@code loader}, then among the bundled ones
   * (which provide {@code _yaml.ftl}).
   */
  static ManifestRenderer of(TemplateLoader loader, List<String> templateNames) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
        loader, new ClassTemplateLoader(ManifestRenderer.class, BundledTemplates.CLASS_PATH_ROOT)}));
    return new ManifestRenderer(configure(cfg), templateNames, name -> "templates/" + name);
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

  /**
   * Parses every template into FreeMarker's cache ahead of {@link #render}, which can then run
   * on another thread without waiting for it. A template that does not parse is left for render
   * to report.
   */
  public void parseTemplates() {
    for (String name : templateNames) {
      try {
        freemarker.getTemplate(name);
      } catch (IOException | SecurityException e) {
        // render reports it, with the template's name, line and column
      }
    }
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
      process(name, model, problems).filter(text -> !isBlank(text))
          .ifPresent(text -> documents.add(new RenderedDocument(displayName.apply(name), text)));
    }
    if (!problems.isEmpty()) {
      throw new SqledgeException("sqledge: rendering the manifests failed", problems);
    }
    return documents;
  }

  /**
   * Renders one of the fleet's templates ({@link BundledTemplates#FLEET}) with {@code model}: a
   * file of the output that no instance owns.
   */
  public String renderFleetFile(String name, Map<String, Object> model) throws SqledgeException {
    List<Problem> problems = new ArrayList<>();
    Optional<String> text = process(name, model, problems);
    if (text.isEmpty()) {
      throw new SqledgeException("sqledge: rendering " + name + " failed", problems);
    }
    return text.get();
  }

  /** One template rendered with {@code model}; empty, and a problem added, when it fails. */
  private Optional<String> process(String name, Map<String, Object> model,
      List<Problem> problems) {
    try {
      Template template = freemarker.getTemplate(name);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return Optional.of(out.toString());
    } catch (ParseException e) {
      problems.add(syntaxError(e, name));
    } catch (TemplateException e) {
      Integer line = e.getLineNumber();
      Integer column = e.getColumnNumber();
      problems.add(Problem.error(
          Origin.file(templateFile(e.getTemplateSourceName(), name), line == null ? 0 : line,
              column == null ? 0 : column),
          "", "template error: " + describe(e),
          "docs/output-and-templates.md lists the values a template can use"));
    } catch (IOException e) {
      // A template that failed to parse on the preparing thread is cached as failed: FreeMarker
      // then says only "error loading the template on an earlier attempt"; the cause says what.
      Optional<ParseException> parse = causeOf(e, ParseException.class);
      problems.add(parse.isPresent() ? syntaxError(parse.get(), name)
          : Problem.error(Origin.file(displayName.apply(name)), "",
              "cannot read the template (" + e.getClass().getSimpleName() + ")",
              "check that the template is a readable file inside the templates directory"));
    } catch (SecurityException e) {
      // FreeMarker refuses a file that resolves outside the templates directory; its message
      // holds absolute paths.
      problems.add(Problem.error(Origin.file(displayName.apply(name)), "",
          "the template links to a file outside the templates directory",
          "copy the file into the templates directory instead of linking to it"));
    }
    return Optional.empty();
  }

  private Problem syntaxError(ParseException e, String name) {
    return Problem.error(
        Origin.file(templateFile(e.getTemplateName(), name), e.getLineNumber(),
            e.getColumnNumber()),
        "", "template syntax error: " + firstLine(e.getEditorMessage()),
        "fix the template; see https://freemarker.apache.org/docs/ref_directives.html");
  }

  private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }

  private String templateFile(String sourceName, String fallback) {
    return displayName.apply(sourceName == null ? fallback : sourceName);
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

  /** Java object identities ({@code freemarker.core.Environment@1a2b3c}) say nothing to users. */
  private static final Pattern IDENTITY = Pattern.compile("[\\w.$]+@[0-9a-f]{4,}");

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline).strip();
    return IDENTITY.matcher(line).replaceAll("an internal object");
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
