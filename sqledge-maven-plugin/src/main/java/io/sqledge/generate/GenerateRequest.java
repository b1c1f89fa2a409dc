package io.sqledge.generate;

import io.sqledge.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What to generate: from which configuration, with which property overrides, into which directory.
 *
 * @param config the user's configuration file, or empty for the embedded default
 * @param overrides values by configuration path ({@code service.port → 1434}), from properties
 * @param outputDirectory the directory that receives the manifests (replaced as a whole)
 * @param force generate even when the inputs are unchanged since the last run
 */
public record GenerateRequest(
    Optional<ConfigSource> config, Map<String, String> overrides, Path outputDirectory,
    boolean force) {

  public GenerateRequest {
    overrides = Map.copyOf(overrides);
  }

  public GenerateRequest(
      Optional<ConfigSource> config, Map<String, String> overrides, Path outputDirectory) {
    this(config, overrides, outputDirectory, false);
  }
}
