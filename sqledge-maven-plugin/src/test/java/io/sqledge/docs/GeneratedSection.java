package io.sqledge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a documentation page that a test generates, between two marker lines: the test holds
 * the page to it, or, with {@code -Dsqledge.docs.update=true}, rewrites that part.
 *
 * @param page the page, relative to the repository's root ({@code docs/configuration.md})
 */
public record GeneratedSection(String page, String begin, String end) {

  /** The command that rewrites every generated section, as a stale page's failure names it. */
  public static final String UPDATE_COMMAND = "./mvnw -pl sqledge-maven-plugin test"
      + " -Dtest='DocsTest,LinterGateTest' -Dsqledge.docs.update=true";

  /** The repository's root, seen from the plugin module where the tests run. */
  public static final Path ROOT = Path.of("..");

  public void holdTo(String generated, String source) throws IOException {
    Path file = ROOT.resolve(page);
    String text = Files.readString(file);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertTrue(from >= 0 && to > from, page + " lacks the markers " + begin + end);
    if (Boolean.getBoolean("sqledge.docs.update")) {
      Files.writeString(file, text.substring(0, from + begin.length()) + generated
          + text.substring(to));
      return;
    }
    assertEquals(generated, text.substring(from + begin.length(), to), page
        + " is stale: it differs from " + source + "; regenerate it with " + UPDATE_COMMAND);
  }
}
