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
 */
public record GenerateRequest(
    Optional<ConfigSource> config, Map<String, String> overrides, Path outputDirectory) {

  public GenerateRequest {
    overrides = Map.copyOf(overrides);
  }
}
