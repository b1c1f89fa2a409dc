package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqledge.apply.KubeBinaries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The liveness probe's command, run as the kubelet runs it ({@code /bin/sh -c …}) against this
 * machine's real socket tables, with the system's sh and tools and with BusyBox's: it succeeds
 * while a socket listens on the port, on IPv4 or IPv6, and fails when none does, when only a
 * connection (not a listener) uses the port, and when another port listens.
 */
class ListenerProbeTest {

  @TempDir static Path bin;

  @ParameterizedTest
  @ValueSource(strings = {"system", "busybox"})
  void succeedsWhileThePortListensAndFailsAfter(String shell) throws Exception {
    int port;
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = listener.getLocalPort();
      assertEquals(0, probe(shell, port), "a socket listens on " + port);
      assertNotEquals(0, probe(shell, port == 65535 ? 65534 : port + 1),
          "nothing listens on the next port");
    }
    assertNotEquals(0, probe(shell, port), "the listener is closed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"system", "busybox"})
  void seesAnIpv6Listener(String shell) throws Exception {
    // The JVM's wildcard socket is dual-stack: it is in /proc/net/tcp6 only.
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(0));
      assertEquals(0, probe(shell, listener.getLocalPort()));
    }
  }

  /** A connection from a port is not a listener on it: the probe reads the state, not the port. */
  @Test
  void aConnectionIsNotAListener() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket accepted = listener.accept()) {
      assertEquals(0, probe("system", listener.getLocalPort()));
      assertNotEquals(0, probe("system", client.getLocalPort()),
          "port " + client.getLocalPort() + " only holds the client's end of a connection");
    }
  }

  @Test
  void refusesWhatIsNotAPort() {
    assertThrows(IllegalArgumentException.class, () -> ListenerProbe.command(0));
    assertThrows(IllegalArgumentException.class, () -> ListenerProbe.command(65536));
  }

  private static int probe(String shell, int port) throws Exception {
    List<String> command = shell.equals("busybox")
        ? List.of(KubeBinaries.binary("busybox").toString(), "sh", "-c",
            // BusyBox's own cat and grep, as in a BusyBox image.
            "PATH=" + busyboxBin() + "; " + ListenerProbe.command(port))
        : List.of("/bin/sh", "-c", ListenerProbe.command(port));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe did not finish");
    }
    return process.exitValue();
  }

  private static Path busyboxBin() throws Exception {
    for (String tool : List.of("cat", "grep")) {
      Path link = bin.resolve(tool);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, KubeBinaries.binary("busybox"));
      }
    }
    return bin;
  }
}
