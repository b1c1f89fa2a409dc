package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration path that is no ordinary file fails at once, with advice, never hangs. */
class HostileFilesTest {

  @TempDir Path dir;

  private List<Problem> load(Path file) {
    Problems problems = new Problems();
    Optional<InstanceConfig> config = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> ConfigLoader.load(Optional.of(new ConfigSource(file, "sqledge.yaml")), Map.of(),
            problems));
    assertTrue(config.isEmpty(), "loaded " + file);
    return problems.errors();
  }

  @Test
  void aDirectoryIsNamedAsOne() {
    List<Problem> errors = load(dir);

    assertEquals("sqledge.yaml: the configuration is a directory, not a file",
        errors.get(0).render().lines().findFirst().orElseThrow());
    assertFalse(errors.get(0).fix().isBlank());
  }

  @Test
  void aPipeDoesNotHang() throws Exception {
    Path fifo = dir.resolve("sqledge.yaml");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    assertTrue(load(fifo).get(0).message().contains("not a regular file"));
  }

  @Test
  void aDeviceThatNeverEndsIsNotReadToTheEnd() {
    assertTrue(load(Path.of("/dev/zero")).get(0).message().contains("not a regular file"));
  }

  @Test
  void aLinkToNothingIsAnError() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("sqledge.yaml"), dir.resolve("gone.yaml"));

    assertTrue(load(link).get(0).message().contains("does not exist"));
  }

  @Test
  void aFileThatHoldsOnlyAPasswordIsNotQuoted() throws Exception {
    Path file = Files.writeString(dir.resolve("sqledge.yaml"), "Sup3r-Secret!value\n");

    List<Problem> errors = load(file);

    assertEquals("sqledge.yaml:1:1: the configuration must be a map of settings, but it is a"
        + " single value (18 characters, not shown)",
        errors.get(0).render().lines().findFirst().orElseThrow());
    assertFalse(errors.toString().contains("Secret"), errors::toString);
  }

  @Test
  void aSecretWhereASectionBelongsIsNotQuoted() throws Exception {
    Path file = Files.writeString(dir.resolve("sqledge.yaml"),
        "apiVersion: sqledge/v1\nengine:\n  env: Sup3r-Secret!value\n");
    Problems problems = new Problems();

    ConfigLoader.load(Optional.of(new ConfigSource(file, "sqledge.yaml")), Map.of(), problems);
    List<Problem> errors = problems.errors();

    assertTrue(errors.get(0).message().contains("a single value (18 characters, not shown)"),
        errors::toString);
    assertFalse(errors.toString().contains("Secret"), errors::toString);
  }
}
