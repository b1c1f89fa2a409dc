package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second generate with unchanged inputs skips the work; any change of input or output redoes it. */
class IncrementalGenerateTest {

  @TempDir Path dir;
  private Path out;
  private Path templates;
  private ConfigSource config;

  @BeforeEach
  void firstRun() throws Exception {
    out = dir.resolve("target/sqledge");
    templates = dir.resolve("templates");
    Files.createDirectories(templates);
    Files.writeString(templates.resolve("configmap.yaml.ftl"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
    config = TestConfigs.write(dir, "name: db\n");
    GenerateResult first = generate(Map.of(), false);
    assertFalse(first.skipped());
    assertFalse(first.upToDate());
  }

  private GenerateResult generate(Map<String, String> overrides, boolean force) throws Exception {
    return Generator.withProjectTemplates(templates, "templates")
        .generate(new GenerateRequest(Optional.of(config), overrides, out, force));
  }

  @Test
  void unchangedInputsSkipTheWork() throws Exception {
    GenerateResult second = generate(Map.of(), false);

    assertTrue(second.skipped());
    assertTrue(second.upToDate());
    assertEquals(out.toAbsolutePath().normalize().resolve("manifests.yaml"), second.combinedFiles().get(0));
    assertTrue(Files.isRegularFile(second.combinedFiles().get(0)));
  }

  @Test
  void aSkippedGenerateSaysAgainWhatTheRunThatWroteTheFilesWarned() throws Exception {
    Files.writeString(config.file(), "name: db\nengine:\n  image: \"mcr.microsoft.com/mssql/"
        + "server:2022-latest\"\n", StandardCharsets.UTF_8);
    GenerateResult written = generate(Map.of("service.port", "1500"), false);
    GenerateResult skipped = generate(Map.of("service.port", "1500"), false);

    assertFalse(written.skipped());
    assertTrue(skipped.skipped());
    assertTrue(written.warnings().size() >= 2, written.warnings()::toString);
    assertTrue(written.warnings().stream().anyMatch(w -> w.message().contains("port 1500")
        && w.message().contains("whole internet")), written.warnings()::toString);
    assertEquals(written.warnings(), skipped.warnings());
  }

  @Test
  void aChangedConfigurationIsGeneratedAgain() throws Exception {
    TestConfigs.write(dir, "name: orders\n");

    GenerateResult second = generate(Map.of(), false);

    assertFalse(second.skipped());
    assertTrue(Files.readString(second.combinedFiles().get(0)).contains("name: orders"));
  }

  @Test
  void aChangedOverrideIsGeneratedAgain() throws Exception {
    assertFalse(generate(Map.of("service.port", "1434"), false).skipped());
    assertTrue(generate(Map.of("service.port", "1434"), false).skipped());
  }

  @Test
  void aChangedOrNewTemplateIsGeneratedAgain() throws Exception {
    Files.writeString(templates.resolve("configmap.yaml.ftl"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
    assertFalse(generate(Map.of(), false).skipped());

    Files.writeString(templates.resolve("_helpers.ftl"), "<#-- nothing yet -->\n");
    assertFalse(generate(Map.of(), false).skipped());
  }

  @Test
  void anEditedOrDeletedOutputFileIsRestored() throws Exception {
    Path deployment = out.resolve("db/04-deployment.yaml");
    String original = Files.readString(deployment);
    Files.writeString(deployment, original + "# edited\n", StandardCharsets.UTF_8);

    GenerateResult second = generate(Map.of(), false);

    assertFalse(second.skipped());
    assertEquals(original, Files.readString(deployment));

    Files.delete(out.resolve("manifests.yaml"));
    assertFalse(generate(Map.of(), false).skipped());
    assertTrue(Files.exists(out.resolve("manifests.yaml")));

    Files.writeString(out.resolve("stray.yaml"), "x: 1\n");
    assertFalse(generate(Map.of(), false).skipped());
    assertFalse(Files.exists(out.resolve("stray.yaml")));
  }

  @Test
  void forceGeneratesAnyway() throws Exception {
    GenerateResult forced = generate(Map.of(), true);

    assertFalse(forced.skipped());
    assertTrue(forced.upToDate(), "the files are the same, so none is rewritten");
  }
}
