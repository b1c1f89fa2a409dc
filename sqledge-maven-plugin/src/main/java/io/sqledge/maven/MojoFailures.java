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
    if (e.getCause() != null) {
      log.debug("sqledge: the underlying error", e.getCause());
    }
    return new MojoFailureException(e.getMessage());
  }
}
