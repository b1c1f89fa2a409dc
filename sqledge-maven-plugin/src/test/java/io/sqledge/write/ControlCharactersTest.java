package io.sqledge.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * Control characters: those the API server's YAML reader refuses are refused at their line; the
 * one it takes (U+0085) is written as an escape and read back as itself, never as a line break.
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

    assertEquals("sqledge.yaml:1:33: `annotations.example.com/note` holds the control character"
        + " U+007F, which the Kubernetes API refuses",
        e.problems().get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void nextLineIsWrittenAsAnEscapeAndReadBackAsItself() throws Exception {
    Path out = generate("annotations: {example.com/note: \"a\\Nb\\tc\"}\n");

    String written = Files.readString(out.resolve("sqledge/03-deployment.yaml"),
        StandardCharsets.UTF_8);
    assertFalse(written.contains("!!binary"), written);
    Map<?, ?> deployment = new Yaml(new SafeConstructor(new LoaderOptions())).load(written);
    Map<?, ?> annotations = (Map<?, ?>) ((Map<?, ?>) deployment.get("metadata")).get("annotations");
    assertEquals("a\u0085b\tc", annotations.get("example.com/note"));
    assertEquals(List.of(), written.lines().filter(line -> line.contains("\u0085")).toList());
  }
}
