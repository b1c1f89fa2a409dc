package io.sqledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of the README that a test generates, between two marker lines: the test holds the
 * README to it, or, with {@code -Dsqledge.readme.update=true}, rewrites that part.
 */
public record ReadmeSection(String begin, String end) {

  private static final Path README = Path.of("..", "README.md");

  public void holdTo(String generated, String source) throws IOException {
    String text = Files.readString(README);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertTrue(from >= 0 && to > from, "README.md lacks the markers " + begin + end);
    if (Boolean.getBoolean("sqledge.readme.update")) {
      Files.writeString(README, text.substring(0, from + begin.length()) + generated
          + text.substring(to));
      return;
    }
    assertEquals(generated, text.substring(from + begin.length(), to), "the README differs from "
        + source + "; rerun with -Dsqledge.readme.update=true to rewrite it");
  }
}
