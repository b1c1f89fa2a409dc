package io.sqledge.generate;

import io.sqledge.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A second build, as a separate process: generates {@code args[2]} times into one directory. */
public final class GenerateLoop {

  private GenerateLoop() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    Path output = Path.of(args[1]);
    int times = Integer.parseInt(args[2]);
    Generator generator = Generator.bundled();
    for (int i = 0; i < times; i++) {
      generator.generate(new GenerateRequest(
          Optional.of(new ConfigSource(config, "sqledge.yaml")), Map.of(), output));
    }
  }
}
