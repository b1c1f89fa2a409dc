package io.sqledge.apply;

import java.util.List;

/**
 * What delete removed and what it kept.
 *
 * @param removed resources deleted, such as {@code Service/sqledge}
 * @param kept resources left in place, each with the reason
 * @param absent resources that were not there
 */
public record DeleteReport(List<String> removed, List<String> kept, List<String> absent) {

  public DeleteReport {
    removed = List.copyOf(removed);
    kept = List.copyOf(kept);
    absent = List.copyOf(absent);
  }
}
