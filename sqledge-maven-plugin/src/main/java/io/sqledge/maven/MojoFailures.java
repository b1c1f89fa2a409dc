package io.sqledge.maven;

import io.sqledge.diagnostic.SqledgeException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Turns a core failure into the build failure users read. The core's message is complete (what,
 * where, the fix), so it is shown as it is. The underlying exception is logged at debug level
 * ({@code -X}) instead of being chained: Maven appends every cause's message to the failure, which
 * would bury the advice under "Operation: [get] for kind: [Namespace] …".
 */
final class MojoFailures {

  private MojoFailures() {}

  static MojoFailureException of(SqledgeException e, Log log) {
    logCause(e, log);
    return new MojoFailureException(e.getMessage());
  }

  /** The exception under a failure, at debug level ({@code -X}), where it has one. */
  static void logCause(SqledgeException e, Log log) {
    if (e.getCause() != null) {
      log.debug("sqledge: the underlying error", e.getCause());
    }
  }

  /**
   * A failure the core did not foresee: a bug. Its text is not shown (it may quote a kubeconfig
   * or a server's answer); the whole exception goes to the debug log.
   */
  static MojoFailureException unexpected(RuntimeException e, Log log) {
    log.debug("sqledge: the unexpected error", e);
    return new MojoFailureException("sqledge: an unexpected " + e.getClass().getSimpleName()
        + " stopped the goal; this is a bug of the plugin\n    fix: rerun with -X to see where,"
        + " and report it with that output");
  }
}
