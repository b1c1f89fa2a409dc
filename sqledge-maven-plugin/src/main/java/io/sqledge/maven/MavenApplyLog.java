package io.sqledge.maven;

import io.sqledge.apply.ApplyLog;
import org.apache.maven.plugin.logging.Log;

/**
 * Sends a goal's progress to the build log, each line marked as ours and, in a run over several
 * sites, with the site's name.
 */
final class MavenApplyLog implements ApplyLog {

  private final Log log;
  /** {@code "berlin: "} in a run over several sites; empty otherwise. */
  private final String site;

  MavenApplyLog(Log log) {
    this(log, "");
  }

  MavenApplyLog(Log log, String site) {
    this.log = log;
    this.site = site;
  }

  @Override
  public void info(String message) {
    log.info("sqledge: " + site + message);
  }

  @Override
  public void warn(String message) {
    log.warn("sqledge: " + site + message);
  }

  /**
   * A line quoted as it is (a diff's): unmarked, but for the site's name in a run over several
   * sites, whose lines interleave.
   */
  void line(String text) {
    log.info(site.isEmpty() ? text : "sqledge: " + site + text);
  }
}
