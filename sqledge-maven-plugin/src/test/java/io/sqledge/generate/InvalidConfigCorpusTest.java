package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.config.ConfigSource;
import io.sqledge.diagnostic.SqledgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee for bad input, case by case: each file of {@code src/test/resources/invalid-configs}
 * fails the generate pipeline with a message naming the file, the line (when the first line's
 * {@code # expect: <text> @<line>} gives one) and the problem; no stack trace in the message; the
 * output directory left exactly as it was; and no hang.
 */
class InvalidConfigCorpusTest {

  private static final Pattern EXPECT = Pattern.compile("# expect: (.*) @(\\d+)");
  private static final Generator GENERATOR = Generator.bundled();
  private static final AtomicInteger CHECKED = new AtomicInteger();

  @TempDir static Path work;
  private static Path output;
  private static Map<String, String> before;

  @BeforeAll
  static void previousOutput() throws Exception {
    output = work.resolve("sqledge");
    GENERATOR.generate(new GenerateRequest(Optional.empty(), Map.of(), output));
    before = snapshot(output);
  }

  @AfterAll
  static void report() {
    System.out.println("InvalidConfigCorpusTest: checked " + CHECKED.get()
        + " invalid configurations; each failed with its location, left the output unchanged");
  }

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(InvalidConfigCorpusTest.class.getResource("/invalid-configs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void failsWithTheLocationAndWritesNothing(Path file) throws Exception {
    String header = new String(Arrays.copyOf(Files.readAllBytes(file), 200), StandardCharsets.ISO_8859_1)
        .lines().findFirst().orElse("");
    Matcher expect = EXPECT.matcher(header);
    assertTrue(expect.matches(), "the first line must be `# expect: <text> @<line>`: " + file);
    String name = file.getFileName().toString();

    SqledgeException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
        SqledgeException.class, () -> GENERATOR.generate(new GenerateRequest(
            Optional.of(new ConfigSource(file, name)), Map.of(), output))));

    String message = e.getMessage();
    assertTrue(message.contains(name), message);
    assertTrue(message.contains(expect.group(1)), "expected `" + expect.group(1) + "` in:\n" + message);
    int line = Integer.parseInt(expect.group(2));
    if (line > 0) {
      assertTrue(message.contains(name + ":" + line + ":"), "expected line " + line + " in:\n" + message);
    }
    assertFalse(message.contains("\tat "), "no stack trace in the message");
    assertFalse(message.contains("Sup3rS3cret"), "a password is never echoed");
    assertEquals(before, snapshot(output), "the output directory must be unchanged");
    CHECKED.incrementAndGet();
  }

  @Test
  void aTenMebibyteFileIsRefusedUnread() throws Exception {
    Path big = work.resolve("big.yaml");
    byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 10 * 1024; i++) {
        out.write(line);
      }
    }

    SqledgeException e = assertThrows(SqledgeException.class, () -> GENERATOR.generate(
        new GenerateRequest(Optional.of(new ConfigSource(big, "big.yaml")), Map.of(), output)));

    assertTrue(e.getMessage().contains("big.yaml: the file is larger than the 1048576 bytes allowed"),
        e::getMessage);
    assertEquals(before, snapshot(output));
    CHECKED.incrementAndGet();
  }

  @Test
  void emptyAndCommentOnlyFilesMeanTheEmbeddedDefault() throws Exception {
    for (String text : new String[] {"", "# nothing here yet\n# really\n", "---\n"}) {
      Path file = work.resolve("empty.yaml");
      Files.writeString(file, text);
      GenerateResult result = GENERATOR.generate(new GenerateRequest(
          Optional.of(new ConfigSource(file, "empty.yaml")), Map.of(), work.resolve("out-empty")));
      assertEquals(List.of("sqledge"), result.instances());
      assertTrue(result.warnings().stream().anyMatch(w -> w.message().contains("empty")));
    }
  }

  private static Map<String, String> snapshot(Path root) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString(), Files.readString(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
