package io.sqledge.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.GenerateRequest;
import io.sqledge.generate.Generator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Control characters: those that cannot reach the API server unchanged are refused at their line,
 * named and placed; the others are written as escapes and read back as themselves. (Which is which
 * was measured on a real API server: FreeTextRoundTripTest.)
 */
class ControlCharactersTest {

  @TempDir Path dir;

  private Path generate(String yaml) throws Exception {
    Path out = dir.resolve("out");
    Generator.bundled().generate(new GenerateRequest(Optional.of(TestConfigs.write(dir, yaml)),
        Map.of(), out));
    return out;
  }

  @Test
  void aCharacterTheApiServerRefusesIsRefusedAtItsLine() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> generate("annotations: {example.com/note: \"a\\x7Fb\"}\n"));

    assertEquals("sqledge.yaml:1:33: `annotations.example.com/note` holds the character U+007F"
        + " (at character 2 of the value), which cannot reach the Kubernetes API unchanged:"
        + " clients send it unescaped and the API server's YAML reader refuses it",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void nextLineIsRefusedAsTheLineBreakTheApiServerWouldMakeOfIt() {
    SqledgeException e = assertThrows(SqledgeException.class,
        () -> generate("annotations: {example.com/note: \"ab\\Nc\"}\n"));

    assertTrue(e.problems().get(0).message().endsWith("U+0085 (at character 3 of the value),"
        + " which cannot reach the Kubernetes API unchanged: the API server's YAML reader takes"
        + " it for a line break"), e::getMessage);
  }

  @Test
  void otherControlCharactersAreWrittenAsEscapesAndReadBackAsThemselves() throws Exception {
    Path out = generate("annotations: {example.com/note: \"a\\x01b\\tc\\x1B\"}\n");

    String written = Files.readString(out.resolve("sqledge/04-deployment.yaml"),
        StandardCharsets.UTF_8);
    assertFalse(written.contains("!!binary"), written);
    Map<?, ?> deployment = new Yaml(new SafeConstructor(new LoaderOptions())).load(written);
    Map<?, ?> annotations = (Map<?, ?>) ((Map<?, ?>) deployment.get("metadata")).get("annotations");
    assertEquals("a\u0001b\tc\u001B", annotations.get("example.com/note"));
    assertEquals(List.of(), written.lines().filter(line -> line.contains("\u0001")).toList());
  }
}
