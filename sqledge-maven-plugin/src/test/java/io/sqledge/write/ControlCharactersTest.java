package io.sqledge.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sqledge.TestConfigs;
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

/** A value with control characters is written as escaped text, and read back as it was. */
class ControlCharactersTest {

  @TempDir Path dir;

  @Test
  void controlCharactersAreEscapedTextNeverBinary() throws Exception {
    String value = "a\u007Fb\u0085c\u0001d";
    Path out = dir.resolve("out");
    Generator.bundled().generate(new GenerateRequest(Optional.of(TestConfigs.write(dir,
        "annotations: {example.com/note: \"a\\x7Fb\\Nc\\x01d\"}\n")), Map.of(), out));

    String written = Files.readString(out.resolve("sqledge/03-deployment.yaml"),
        StandardCharsets.UTF_8);
    assertFalse(written.contains("!!binary"), written);
    Map<?, ?> deployment = new Yaml(new SafeConstructor(new LoaderOptions())).load(written);
    Map<?, ?> annotations = (Map<?, ?>) ((Map<?, ?>) deployment.get("metadata")).get("annotations");
    assertEquals(value, annotations.get("example.com/note"));
    assertEquals(List.of(), written.lines().filter(line -> line.contains("\u0085")).toList());
  }
}
