package io.sqledge.write;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code <output>/<instance>/connection.properties}: how to reach an applied instance, for the
 * steps of a pipeline that are not Maven. One {@code key=value} line each, readable by {@link
 * java.util.Properties} and by {@code grep}/{@code cut} alike (only a backslash is escaped, as
 * {@code \\}). Never the password.
 *
 * <p>Apply writes it after the manifests; the output writer leaves it out of what it compares,
 * and a generate that changes the manifests removes it with the rest of the directory, since it
 * then describes what was applied before.
 */
public final class ConnectionFile {

  public static final String NAME = "connection.properties";

  private ConnectionFile() {}

  public static Path write(Path outputDirectory, String instance, Map<String, String> values)
      throws SqledgeException {
    Path file = outputDirectory.toAbsolutePath().normalize().resolve(instance).resolve(NAME);
    StringBuilder text = new StringBuilder("# How to reach the database " + instance
        + ", as apply saw it; no password.\n");
    values.forEach((key, value) -> text.append(key).append('=')
        .append(value.replace("\\", "\\\\")).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), "." + NAME, ".tmp");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SqledgeException("sqledge: writing " + file + " failed",
          List.of(Problem.error(Origin.file(file.toString()), "", e.getClass().getSimpleName()
              + ": " + e.getMessage(), "check that the directory is writable")), e);
    }
  }
}
