package io.sqledge.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** A failure the core did not foresee is a plugin error that quotes nothing it carried. */
class MojoFailuresTest {

  @Test
  void anUnexpectedErrorIsNamedNotQuoted() {
    CapturingLog log = new CapturingLog();
    MojoFailureException e = MojoFailures.unexpected(
        new IllegalStateException("token: s3cr3t-from-a-kubeconfig"), log);

    assertEquals("sqledge: an unexpected IllegalStateException stopped the goal; this is a bug of"
        + " the plugin\n    fix: rerun with -X to see where, and report it with that output",
        e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"));
    assertTrue(e.getCause() == null, "Maven would append the cause's text");
    assertTrue(log.all().contains("DEBUG sqledge: the unexpected error"), log.all());
  }
}
