package io.sqledge.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration file and the name to show for it in messages (usually its path relative to the
 * project, so that messages stay short and the same on every machine).
 */
public record ConfigSource(Path file, String displayName) {

  public ConfigSource {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(displayName, "displayName");
  }

  public static ConfigSource of(Path file) {
    return new ConfigSource(file, file.toString());
  }
}
