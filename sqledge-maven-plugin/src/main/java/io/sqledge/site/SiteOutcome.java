package io.sqledge.site;

import java.util.List;

/**
 * What a goal did on a site, for the run's summary.
 *
 * @param result one short line ({@code 3 created, 4 unchanged})
 * @param endpoints the addresses of the site's instances that the goal learnt, if any
 */
public record SiteOutcome(String result, List<String> endpoints) {

  public SiteOutcome {
    endpoints = List.copyOf(endpoints);
  }

  public static SiteOutcome of(String result) {
    return new SiteOutcome(result, List.of());
  }
}
