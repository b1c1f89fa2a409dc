package io.sqledge.render;

import java.util.Locale;

/**
 * The liveness probe's command: is something in the pod still listening on the SQL port? It reads
 * the kernel's socket tables, {@code /proc/net/tcp} and {@code /proc/net/tcp6} (proc(5): one line
 * per socket, {@code sl: local_address rem_address st …}, addresses as {@code HEX-IP:HEX-PORT},
 * state {@code 0A} for LISTEN), so it needs no client and no password, only the {@code sh}, {@code
 * cat} and {@code grep} that Microsoft's images have (Ubuntu and RHEL based).
 *
 * <p>Why not the readiness probe's TCP connect again: readiness asks whether SQL Server accepts a
 * connection now, and a busy server whose accept queue is full fails it and leaves the Service
 * for a while. Liveness must not kill such a server (a restart means crash recovery, a longer
 * outage); it restarts a container whose SQL Server no longer listens at all.
 */
public final class ListenerProbe {

  private ListenerProbe() {}

  /** The {@code sh -c} command that succeeds while a socket listens on {@code port}. */
  public static String command(long port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    String hex = String.format(Locale.ROOT, "%04X", port);
    // tcp6 is absent where the kernel has no IPv6; the socket is in one table or the other.
    return "cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -Eq '^ *[0-9]+: [0-9A-F]+:"
        + hex + " [0-9A-F]+:0000 0A '";
  }
}
