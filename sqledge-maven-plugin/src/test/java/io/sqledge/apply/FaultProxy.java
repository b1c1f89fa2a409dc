package io.sqledge.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of the real API server, to inject network faults the way they
 * happen: connections refused or reset (the server went away), or accepted and never answered (a
 * hung server, for request timeouts). TLS passes through untouched.
 */
final class FaultProxy implements AutoCloseable {

  enum Mode {
    PASS,
    RESET,
    BLACKHOLE
  }

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS;

  FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Switches the mode; leaving PASS also cuts every open connection. */
  void mode(Mode next) {
    mode = next;
    if (next != Mode.PASS) {
      for (Socket socket : open) {
        closeQuietly(socket);
      }
      open.clear();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        switch (mode) {
          case RESET -> {
            client.setSoLinger(true, 0);
            client.close();
          }
          case BLACKHOLE -> {
            open.add(client);
            pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null);
          }
          case PASS -> {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(client);
            open.add(upstream);
            pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
            pump(upstream.getInputStream(), client.getOutputStream(), upstream, client);
          }
        }
      } catch (IOException e) {
        // the server socket closed, or one connection failed: keep serving the others
      }
    }
  }

  private void pump(InputStream in, OutputStream out, Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      try {
        in.transferTo(out);
      } catch (IOException e) {
        // a cut connection
      } finally {
        closeQuietly(from);
        if (to != null) {
          closeQuietly(to);
        }
      }
    }, "fault-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    mode(Mode.RESET);
  }
}
