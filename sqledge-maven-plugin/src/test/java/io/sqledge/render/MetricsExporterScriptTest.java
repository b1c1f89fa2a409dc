package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.KubeBinaries;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter's start script (templates/metrics-exporter.sh) with BusyBox's sh and tools (the
 * exporter's image is BusyBox) and with the system's: a stand-in {@code sql_exporter} on the PATH
 * prints what it was started with. Whatever the login and the password hold, the data source name
 * it gets decodes back to exactly them, and neither is on its command line nor left in its
 * environment apart from that name.
 */
class MetricsExporterScriptTest {

  private static final Path SCRIPT = Path.of("../templates/metrics-exporter.sh");

  @TempDir Path work;

  private record Run(int exit, String output) {}

  private Run run(String tools, String user, String password) throws Exception {
    Path bin = Files.createDirectories(work.resolve("bin-" + tools));
    Path exporter = bin.resolve("sql_exporter");
    Files.writeString(exporter, """
        #!/bin/sh
        echo "args=$*"
        echo "dsn=$SQLEXPORTER_TARGET_DSN"
        echo "password-variable=${SQLEDGE_METRICS_PASSWORD-unset}"
        """);
    assertTrue(exporter.toFile().setExecutable(true));
    String path = bin.toString();
    if (tools.equals("busybox")) {
      for (String tool : List.of("od", "tr", "sed", "printf", "dirname", "sh")) {
        Path link = bin.resolve(tool);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, KubeBinaries.binary("busybox"));
        }
      }
    } else {
      path += ":/usr/bin:/bin";
    }
    ProcessBuilder builder = new ProcessBuilder(KubeBinaries.binary("busybox").toString(), "sh",
        SCRIPT.toAbsolutePath().toString()).redirectErrorStream(true);
    if (tools.equals("gnu")) {
      builder.command("/bin/sh", SCRIPT.toAbsolutePath().toString());
    }
    builder.environment().clear();
    builder.environment().putAll(Map.of("PATH", path, "SQLEDGE_METRICS_USER", user,
        "SQLEDGE_METRICS_PASSWORD", password, "SQLEDGE_SQL_PORT", "1433",
        "SQLEDGE_METRICS_PORT", "9399"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the script did not finish");
    }
    return new Run(process.exitValue(), output);
  }

  private static String line(Run run, String key) {
    return run.output().lines().filter(l -> l.startsWith(key + "=")).findFirst()
        .orElseThrow(() -> new AssertionError(run.output())).substring(key.length() + 1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "busybox|sqledge_metrics|Not-Shown-1",
      "gnu|sqledge_metrics|Not-Shown-1",
      "busybox|sa|p@ss:w/rd?#%&=+ 'q\"u;o$(te)`x`",
      "gnu|sa|p@ss:w/rd?#%&=+ 'q\"u;o$(te)`x`",
      "busybox|monitor@shop|Pässwörd-€-1",
      "gnu|monitor@shop|Pässwörd-€-1"})
  void theLoginReachesTheExporterWholeInItsDataSourceNameOnly(String tools, String user,
      String password) throws Exception {
    Run run = run(tools, user, password);

    assertEquals(0, run.exit(), run.output());
    URI dsn = URI.create(line(run, "dsn"));
    assertEquals("sqlserver", dsn.getScheme());
    assertEquals("127.0.0.1", dsn.getHost());
    assertEquals(1433, dsn.getPort());
    assertEquals("encrypt=true&TrustServerCertificate=true", dsn.getRawQuery());
    String[] login = dsn.getRawUserInfo().split(":", 2);
    assertEquals(user, URLDecoder.decode(login[0], StandardCharsets.UTF_8));
    assertEquals(password, URLDecoder.decode(login[1], StandardCharsets.UTF_8));
    assertEquals("-config.file=" + SCRIPT.toAbsolutePath().getParent() + "/sql_exporter.yml"
        + " -web.listen-address=:9399", line(run, "args"));
    assertFalse(line(run, "args").contains(password));
    assertEquals("unset", line(run, "password-variable"));
  }

  /** A password with a line break at either end is taken as it is, not trimmed. */
  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void lineBreaksAreKept(String tools) throws Exception {
    Run run = run(tools, "sa", "\nTwo-Lines\n");
    String[] login = URI.create(line(run, "dsn")).getRawUserInfo().split(":", 2);
    assertEquals("\nTwo-Lines\n", URLDecoder.decode(login[1], StandardCharsets.UTF_8));
  }

  @Test
  void withoutALoginItDoesNotStart() throws Exception {
    Path script = SCRIPT.toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder(KubeBinaries.binary("busybox").toString(), "sh",
        script.toString()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertNotEquals(0, process.exitValue());
  }
}
