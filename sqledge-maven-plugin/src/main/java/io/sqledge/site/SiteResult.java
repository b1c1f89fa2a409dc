package io.sqledge.site;

import io.sqledge.diagnostic.SqledgeException;
import java.time.Duration;
import java.util.Optional;

/**
 * How a site's part of a run ended: its outcome, or the failure that stopped it (which stopped
 * no other site).
 *
 * @param took from the start of connecting to the end of the goal's work on the site
 */
public record SiteResult(Site site, Optional<SiteOutcome> outcome,
    Optional<SqledgeException> failure, Duration took) {

  static SiteResult succeeded(Site site, SiteOutcome outcome, Duration took) {
    return new SiteResult(site, Optional.of(outcome), Optional.empty(), took);
  }

  static SiteResult failed(Site site, SqledgeException failure, Duration took) {
    return new SiteResult(site, Optional.empty(), Optional.of(failure), took);
  }

  public boolean failed() {
    return failure.isPresent();
  }
}
