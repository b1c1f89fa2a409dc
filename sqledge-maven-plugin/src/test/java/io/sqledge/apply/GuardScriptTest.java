package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover guard's script (templates/failover-guard.sh) on its own, with BusyBox's sh: its
 * probes, and what it does when the API server cannot be reached (nothing, and it says so).
 * FailoverGuardTest runs it against a cluster.
 */
class GuardScriptTest {

  private static final Path SCRIPT = Path.of("../templates/failover-guard.sh");

  @TempDir Path home;

  private record Run(int exit, String output) {}

  private Run run(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KubeBinaries.binary("busybox").toString(),
        "sh", SCRIPT.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", KubeBinaries.binary("kubectl").getParent()
        + ":/usr/bin:/bin");
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not end: " + output);
    return new Run(process.exitValue(), output);
  }

  private void heartbeat(String file, long secondsAgo) throws IOException {
    Files.writeString(home.resolve(file), (System.currentTimeMillis() / 1000 - secondsAgo)
        + "\n");
  }

  @Test
  void readyOnlyWhenARoundReadEverythingWithinAMinute() throws Exception {
    assertEquals(1, run(Map.of(), "--ready").exit(), "no round yet");
    heartbeat("failover-guard.ready", 5);
    assertEquals(0, run(Map.of(), "--ready").exit());
    heartbeat("failover-guard.ready", 90);
    assertEquals(1, run(Map.of(), "--ready").exit(), "the last full round is too old");
  }

  @Test
  void aliveUnlessNoRoundStartedForTwoMinutes() throws Exception {
    assertEquals(0, run(Map.of(), "--alive").exit(), "just started");
    heartbeat("failover-guard.alive", 30);
    assertEquals(0, run(Map.of(), "--alive").exit());
    heartbeat("failover-guard.alive", 150);
    assertEquals(1, run(Map.of(), "--alive").exit(), "a round hangs");
  }

  @Test
  void whenTheApiServerCannotBeReachedItDoesNothingAndSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: gone
            cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}
        contexts:
          - name: gone
            context: {cluster: gone, user: guard}
        current-context: gone
        users:
          - name: guard
            user: {token: not-a-real-token}
        """.formatted(closedPort));
    Run run = run(Map.of("KUBECONFIG", kubeconfig.toString(), "SQLEDGE_NAMESPACE", "data",
        "SQLEDGE_INSTANCE", "db", "SQLEDGE_SELECTOR", "app.kubernetes.io/instance=db",
        "SQLEDGE_ONCE", "true"));
    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("guarding data/db"), run.output());
    assertTrue(run.output().contains("cannot read the pods and claims of data/db, doing nothing"),
        run.output());
    assertFalse(run.output().contains("tainted"), run.output());
    assertFalse(run.output().contains("not-a-real-token"), "no token in the log");
  }

  @Test
  void itRefusesToStartWithoutItsInstance() throws Exception {
    Run run = run(Map.of("SQLEDGE_ONCE", "true"));
    assertTrue(run.exit() != 0);
    assertTrue(run.output().contains("the namespace is not set"), run.output());
  }

  @Test
  void aSettingItCannotReadStopsItRatherThanMakingItGuess() throws Exception {
    Map<String, String> instance = Map.of("SQLEDGE_NAMESPACE", "data", "SQLEDGE_INSTANCE", "db",
        "SQLEDGE_SELECTOR", "app.kubernetes.io/instance=db", "SQLEDGE_ONCE", "true");
    Map<String, String> fencing = new HashMap<>(instance);
    fencing.put("SQLEDGE_FENCING", "cloudshutdown");
    Run unknown = run(fencing);
    assertEquals(2, unknown.exit(), unknown.output());
    assertTrue(unknown.output().contains("cloudShutdown or notReadyFor"), unknown.output());

    Map<String, String> minimum = new HashMap<>(instance);
    minimum.put("SQLEDGE_FENCING", "notReadyFor");
    minimum.put("SQLEDGE_MINIMUM_DOWN_SECONDS", "2m");
    Run notANumber = run(minimum);
    assertEquals(2, notANumber.exit(), notANumber.output());
    assertTrue(notANumber.output().contains("whole seconds, not '2m'"), notANumber.output());
  }
}
