package io.sqledge.apply;

import java.util.List;

/**
 * What apply did, or would do in a dry run, to one resource.
 *
 * @param resource {@code Deployment/sqledge}
 * @param outcome created, configured or unchanged
 * @param changes the fields that change, as {@code path: old → new}; empty when unchanged or new
 */
public record ResourceChange(String resource, Outcome outcome, List<String> changes) {

  /** kubectl's words for what happened to a resource. */
  public enum Outcome {
    CREATED("created"),
    CONFIGURED("configured"),
    UNCHANGED("unchanged");

    private final String word;

    Outcome(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public ResourceChange {
    changes = List.copyOf(changes);
  }
}
