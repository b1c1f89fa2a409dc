package io.sqledge.maven;

import io.sqledge.apply.ApplyLog;
import org.apache.maven.plugin.logging.Log;

/** Sends apply's progress to the build log, each line marked as ours. */
final class MavenApplyLog implements ApplyLog {

  private final Log log;

  MavenApplyLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info("sqledge: " + message);
  }

  @Override
  public void warn(String message) {
    log.warn("sqledge: " + message);
  }
}
