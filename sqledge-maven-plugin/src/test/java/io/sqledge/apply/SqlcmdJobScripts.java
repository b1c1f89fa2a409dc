package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sqlcmd job's script (templates/backup.sh, templates/accounts.sh) as the tests do: with
 * BusyBox's sh, and either BusyBox's own tools or the system's (GNU), a stand-in sqlcmd first on
 * the PATH, and nothing else in the environment but what the test gives.
 *
 * @param work the test's directory: {@code sqlcmd/} holds the stand-in, {@code bin/} the BusyBox
 *     links
 * @param busyboxTools the tools the script uses, linked to BusyBox when it runs with them
 */
record SqlcmdJobScripts(Path work, List<String> busyboxTools) {

  /** What a run gave: the exit code and the output, standard error included. */
  record Run(int exit, String output) {}

  /** Runs {@code script} with {@code tools} ({@code busybox} or {@code gnu}) and {@code env}. */
  Run run(Path script, String tools, Map<String, String> env, String... args) throws Exception {
    String path = work.resolve("sqlcmd") + ":";
    if (tools.equals("busybox")) {
      Path bin = Files.createDirectories(work.resolve("bin"));
      for (String tool : busyboxTools) {
        Path link = bin.resolve(tool);
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, KubeBinaries.binary("busybox"));
        }
      }
      path += bin.toString();
    } else {
      path += "/usr/bin:/bin";
    }
    List<String> command = new ArrayList<>(List.of(KubeBinaries.binary("busybox").toString(),
        "sh", script.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", path);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not end: " + output);
    return new Run(process.exitValue(), output);
  }
}
