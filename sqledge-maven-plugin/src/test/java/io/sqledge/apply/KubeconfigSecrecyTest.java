package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kubeconfig that cannot be read is described by position, never quoted: it holds tokens. */
class KubeconfigSecrecyTest {

  private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsInNlY3JldCI6InRvcC1zZWNyZXQifQ";

  @TempDir Path dir;

  @Test
  void aKubeconfigWithAYamlErrorIsNeverEchoed() throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        clusters:
          - name: c
            cluster: {server: "https://127.0.0.1:6443"}
        users:
          - name: u
            user:
              token: %s
             bad: [indentation
        """.formatted(TOKEN));

    SqledgeException e = assertThrows(SqledgeException.class, () -> ClusterConnector.connect(
        new ClusterSettings(Optional.of(kubeconfig), Optional.empty(), Duration.ofSeconds(5))));

    String everything = e.getMessage() + e.problems() + (e.getCause() == null ? ""
        : String.valueOf(e.getCause()));
    assertFalse(everything.contains(TOKEN), everything);
    assertFalse(everything.contains("token"), everything);
    assertTrue(e.problems().get(0).message().startsWith("cannot read the cluster configuration"
        + " (not valid YAML at line "),
        everything);
  }
}
