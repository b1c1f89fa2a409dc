package io.sqledge.docs;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSchema;
import io.sqledge.config.ConfigSchema.Entry;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import io.sqledge.maven.HelpMojo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The README and the pages under docs/ stay true: the generated references are what the code
 * declares, every configuration they show generates and verifies, every link leads somewhere,
 * and the README stays a front door. A stale page fails with the command that regenerates it
 * ({@link GeneratedSection#UPDATE_COMMAND}).
 */
class DocsTest {

  /** The README and every page under docs/, by their path from the repository's root. */
  static Map<String, String> pages() throws IOException {
    Map<String, String> pages = new TreeMap<>();
    pages.put("README.md", Files.readString(GeneratedSection.ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(GeneratedSection.ROOT.resolve("docs"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
        pages.put("docs/" + file.getFileName(), Files.readString(file));
      }
    }
    return pages;
  }

  @Test
  void theConfigurationReferenceIsTheDeclarations() throws Exception {
    ConfigurationReference.SECTION.holdTo(ConfigurationReference.markdown(),
        "the @Key declarations");
  }

  @Test
  void everyValueKeyHasARowWithItsDocumentation() {
    String table = ConfigurationReference.markdown();
    List<Entry> keys = ConfigSchema.values();
    assertTrue(keys.size() >= 55, "found only " + keys.size() + " keys");
    for (Entry key : keys) {
      assertTrue(!key.doc().isBlank(), key.path() + " has no documentation");
      assertTrue(table.contains("| `" + key.path() + "` |"), key.path() + " has no row");
    }
  }

  @Test
  void theGoalReferenceIsTheDescriptor() throws Exception {
    GoalReference.SECTION.holdTo(GoalReference.markdown(), "the plugin descriptor");
  }

  /** What the goals page lists: every goal, each user parameter with its sqledge.* property. */
  @Test
  void theGoalsPageHasEveryGoalAndEveryParameterHasASqledgeProperty() throws Exception {
    Set<String> goals = new TreeSet<>();
    for (GoalReference.Goal goal : GoalReference.goals()) {
      goals.add(goal.name());
      for (GoalReference.Parameter parameter : goal.parameters()) {
        assertTrue(goal.name().equals("help") || parameter.property().startsWith("sqledge."),
            goal.name() + " " + parameter.name() + " has no sqledge.* property");
      }
    }
    assertEquals(Set.of("apply", "backup", "delete", "diff", "failover", "generate", "help",
        "rbac", "restore", "status"),
        goals);
  }

  /** {@code mvn sqledge:help -Ddetail}: Maven's own help, from the same descriptor. */
  @Test
  void helpWithDetailListsEveryGoalAndParameter() throws Exception {
    List<String> lines = new ArrayList<>();
    HelpMojo help = new HelpMojo();
    setVariableValueToObject(help, "detail", true);
    setVariableValueToObject(help, "lineLength", 80);
    setVariableValueToObject(help, "indentSize", 2);
    help.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        lines.add(content.toString());
      }

      @Override
      public void debug(CharSequence content) {}
    });

    help.execute();

    String said = String.join("\n", lines);
    for (GoalReference.Goal goal : GoalReference.goals()) {
      assertTrue(said.contains("sqledge:" + goal.name()), goal.name());
      for (GoalReference.Parameter parameter : goal.parameters()) {
        assertTrue(Pattern.compile("(?m)^ +" + parameter.name() + "$").matcher(said).find()
            || said.contains(" " + parameter.name() + " ("), goal.name() + " " + parameter.name()
            + " is not in help:\n" + said);
        if (!parameter.property().isEmpty()) {
          assertTrue(said.contains("User property: " + parameter.property()),
              goal.name() + " " + parameter.property());
        }
      }
    }
  }

  @Test
  void theReadmeIsAFrontDoorThatLeadsToEveryPage() throws Exception {
    Map<String, String> pages = pages();
    String readme = pages.get("README.md");
    long lines = readme.lines().count();
    assertTrue(lines <= 500, "README.md has " + lines + " lines; the front door keeps at most"
        + " 500: move the detail to a page under docs/");
    for (String page : pages.keySet()) {
      assertTrue(page.equals("README.md") || readme.contains("](" + page + ")"),
          "README.md does not link to " + page);
    }
  }

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyLinkBetweenPagesLeadsToAFileAndHeadingThatExist() throws Exception {
    Map<String, String> pages = pages();
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Matcher link = LINK.matcher(withoutCode(page.getValue()));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path base = Path.of(page.getKey()).getParent();
        Path resolved = file.isEmpty() ? Path.of(page.getKey())
            : (base == null ? Path.of(file) : base.resolve(file)).normalize();
        if (!Files.exists(GeneratedSection.ROOT.resolve(resolved))) {
          broken.add(page.getKey() + ": " + target + " (no file " + resolved + ")");
        } else if (!anchor.isEmpty() && !anchors(pages.get(resolved.toString())).contains(anchor)) {
          broken.add(page.getKey() + ": " + target + " (no heading #" + anchor + " in "
              + resolved + ")");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  /** GitHub's anchors of a page's headings. */
  private static Set<String> anchors(String page) {
    if (page == null) {
      return Set.of();
    }
    return withoutCode(page).lines().filter(line -> line.startsWith("#"))
        .map(line -> line.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
        .collect(Collectors.toSet());
  }

  private static String withoutCode(String page) {
    return page.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
  }

  private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\n(.*?)```");

  /**
   * Every YAML block that is a configuration (a map whose keys are the configuration's top-level
   * keys) is loaded, checked, rendered and verified as the plugin does it: what the docs show
   * works.
   */
  @Test
  void everyConfigurationInTheDocsGeneratesAndVerifies(@TempDir Path dir) throws Exception {
    Set<String> topLevel = ConfigSchema.root().children().stream().map(Entry::name)
        .collect(Collectors.toCollection(TreeSet::new));
    topLevel.add("instances");
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> page : pages().entrySet()) {
      Matcher block = YAML_BLOCK.matcher(page.getValue());
      while (block.find()) {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(block.group(1));
        if (!(yaml instanceof Map<?, ?> map) || map.isEmpty()
            || !topLevel.containsAll(map.keySet())) {
          continue;
        }
        checked++;
        try {
          List<Generator.Rendered> rendered = Generator.bundled().renderAll(new GenerateRequest(
              Optional.of(TestConfigs.write(dir, block.group(1))), Map.of(), dir.resolve("out")));
          assertTrue(!rendered.isEmpty());
        } catch (SqledgeException e) {
          failures.add(page.getKey() + ", the block at line "
              + (page.getValue().substring(0, block.start()).lines().count() + 1) + ":\n"
              + e.getMessage());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(checked >= 8, "only " + checked + " configurations found in the docs");
  }
}
