package io.sqledge.generate;

import io.sqledge.config.ConfigSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The key of everything a generate run's output depends on: the plugin build (its jar's size and
 * time, which also covers the bundled templates, presets and embedded default), the configuration
 * file's bytes and display name, the property overrides, and every file of the project's template
 * directory. Two runs with the same key write the same files, so the second can skip the work.
 */
final class InputsKey {

  private InputsKey() {}

  static String of(GenerateRequest request, Optional<Path> templates) throws IOException {
    MessageDigest digest = sha256();
    field(digest, "plugin", plugin());
    if (request.config().isPresent()) {
      ConfigSource config = request.config().get();
      field(digest, "config", config.displayName());
      field(digest, "config-bytes", Files.readAllBytes(config.file()));
    } else {
      field(digest, "config", "embedded default");
    }
    new TreeMap<>(request.overrides()).forEach((path, value) ->
        field(digest, "override", path + "=" + value));
    if (templates.isPresent() && Files.isDirectory(templates.get())) {
      Path directory = templates.get();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(directory)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        field(digest, "template", directory.relativize(file).toString());
        field(digest, "template-bytes", Files.readAllBytes(file));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The plugin build: its jar, or, when run from classes (the tests), that directory. */
  private static String plugin() throws IOException {
    CodeSource source = InputsKey.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return "unknown";
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      // A number, not FileTime's text, whose formatting loads java.time in a fresh JVM.
      return Files.isRegularFile(location)
          ? location + " " + Files.size(location) + " "
              + Files.getLastModifiedTime(location).to(TimeUnit.NANOSECONDS)
          : location.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  private static void field(MessageDigest digest, String name, String value) {
    field(digest, name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Each field framed by its name and length, so that no two inputs hash alike by accident. */
  private static void field(MessageDigest digest, String name, byte[] value) {
    digest.update((name + ":" + value.length + ":").getBytes(StandardCharsets.UTF_8));
    digest.update(value);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
