package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.check.ConfigChecker;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A password is refused alike from the file, a -D property and the POM, and never echoed. */
class SecretSettingsTest {

  private static final String SECRET = "Zq7!verySecretValue";

  @TempDir Path dir;

  private List<Problem> errors(String yaml, Map<String, String> properties) {
    Problems problems = new Problems();
    ConfigLoader.loadAll(Optional.of(TestConfigs.write(dir, yaml)), properties, problems)
        .ifPresent(all -> all.forEach(config -> ConfigChecker.check(config, problems)));
    assertFalse(problems.all().toString().contains(SECRET), problems.all()::toString);
    return problems.errors();
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine.saPassword", "engine.env.MSSQL_SA_PASSWORD",
      "engine.env.mssql_password", "engine.env.SA_PASSWORD", "MSSQL_SA_PASSWORD", "password"})
  void aPasswordPropertyIsRefusedWithoutItsValue(String path) {
    List<Problem> errors = errors("apiVersion: sqledge/v1\n", Map.of(path, SECRET));

    assertEquals(1, errors.size(), errors::toString);
    assertEquals("-Dsqledge." + path + ": a password must not be given as the property sqledge."
        + path + " (on the command line or in the POM); its value is not shown",
        errors.get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void aPropertyThatNamesTheSecretIsASetting() {
    assertEquals(List.of(), errors("apiVersion: sqledge/v1\n",
        Map.of("engine.saPassword.secretName", "mssql-sa")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MSSQL_SA_PASSWORD", "SA_PASSWORD", "MSSQL_PASSWORD", "mssql_password"})
  void everyPasswordVariableIsRefusedInTheFile(String name) {
    List<Problem> errors = errors("apiVersion: sqledge/v1\nengine:\n  env:\n    MSSQL_USER: app\n"
        + "    " + name + ": " + SECRET + "\n", Map.of());

    assertEquals(1, errors.size(), errors::toString);
    // At the value: line 5, after `    <name>: `.
    assertEquals("sqledge.yaml:5:" + (name.length() + 7) + ": a password must not be written in the configuration file"
        + " (`engine.env." + name + "`)", errors.get(0).render().lines().findFirst().orElseThrow());
  }

  @Test
  void aPasswordPropertyAndTheFilesErrorsAreReportedTogether() {
    List<Problem> errors = errors("apiVersion: sqledge/v1\nservice:\n  port: many\n",
        Map.of("engine.saPassword", SECRET));

    assertEquals(2, errors.size(), errors::toString);
  }
}
