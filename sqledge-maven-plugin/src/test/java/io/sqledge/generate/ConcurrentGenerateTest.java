package io.sqledge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.config.ConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds generating into the same directory at once never leave a mix of their outputs. */
class ConcurrentGenerateTest {

  @TempDir Path dir;

  @Test
  void concurrentGeneratesLeaveExactlyOneCompleteOutput() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    ConfigSource first = TestConfigs.write(a, "name: first\nservice:\n  port: 1501\n");
    ConfigSource second = TestConfigs.write(b, "name: second\nstorage:\n  size: 16Gi\n");
    Generator generator = Generator.bundled();
    Path shared = dir.resolve("target/sqledge");
    Map<String, String> onlyFirst = render(generator, first, dir.resolve("expected-first"));
    Map<String, String> onlySecond = render(generator, second, dir.resolve("expected-second"));

    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ConfigSource source = i % 2 == 0 ? first : second;
      runs.add(pool.submit(() -> generator.generate(
          new GenerateRequest(Optional.of(source), Map.of(), shared))));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();

    Map<String, String> result = snapshot(shared);
    assertTrue(result.equals(onlyFirst) || result.equals(onlySecond),
        "a mix of both outputs: " + result.keySet());
    try (Stream<Path> siblings = Files.list(shared.getParent())) {
      assertEquals(List.of(".sqledge.inputs", ".sqledge.lock", "sqledge"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staging or old directory left behind");
    }
  }

  @Test
  void twoProcessesGeneratingIntoOneDirectoryLeaveOneCompleteOutput() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    ConfigSource first = TestConfigs.write(a, "name: first\n");
    ConfigSource second = TestConfigs.write(b, "name: second\n");
    Generator generator = Generator.bundled();
    Path shared = dir.resolve("target/sqledge");
    Map<String, String> onlyFirst = render(generator, first, dir.resolve("expected-first"));
    Map<String, String> onlySecond = render(generator, second, dir.resolve("expected-second"));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    List<Process> builds = new ArrayList<>();
    for (ConfigSource source : List.of(first, second)) {
      builds.add(new ProcessBuilder(java, "-cp", classpath, GenerateLoop.class.getName(),
          source.file().toString(), shared.toString(), "15").inheritIO().start());
    }
    for (Process build : builds) {
      assertEquals(0, build.waitFor(), "a build failed");
    }

    Map<String, String> result = snapshot(shared);
    assertTrue(result.equals(onlyFirst) || result.equals(onlySecond),
        "a mix of both outputs: " + result.keySet());
  }

  private static Map<String, String> render(Generator generator, ConfigSource source, Path out)
      throws Exception {
    generator.generate(new GenerateRequest(Optional.of(source), Map.of(), out));
    return snapshot(out);
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
