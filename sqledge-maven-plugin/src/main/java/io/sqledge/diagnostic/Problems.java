package io.sqledge.diagnostic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one step, so that a user sees every error of a file at once instead of
 * fixing them one build at a time.
 */
public final class Problems {

  private static final Comparator<Problem> BY_POSITION =
      Comparator.comparing((Problem problem) -> problem.origin().kind())
          .thenComparing(problem -> String.valueOf(problem.origin().file()))
          .thenComparingInt(problem -> problem.origin().line())
          .thenComparingInt(problem -> problem.origin().column());

  private final List<Problem> all = new ArrayList<>();

  /** Adds a problem, unless the same one (same place, same words) is already here. */
  public void add(Problem problem) {
    if (!all.contains(problem)) {
      all.add(problem);
    }
  }

  public void error(Origin origin, String path, String message, String fix) {
    add(Problem.error(origin, path, message, fix));
  }

  public void warning(Origin origin, String path, String message, String fix) {
    add(Problem.warning(origin, path, message, fix));
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Problem::isError);
  }

  /** The errors, in the order of their position in the file, so they read top to bottom. */
  public List<Problem> errors() {
    return all.stream().filter(Problem::isError).sorted(BY_POSITION).toList();
  }

  public List<Problem> warnings() {
    return all.stream().filter(problem -> !problem.isError()).sorted(BY_POSITION).toList();
  }

  public List<Problem> all() {
    return Collections.unmodifiableList(all);
  }
}
