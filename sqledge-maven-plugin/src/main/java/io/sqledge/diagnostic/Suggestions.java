package io.sqledge.diagnostic;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid key a user most likely meant, for "did you mean `storage`?". */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The closest candidate to {@code typo}, if it is close enough to be a plausible typo: the same
   * word in another case, or at most a third of its letters changed (at least one, at most three).
   */
  public static Optional<String> closest(String typo, Collection<String> candidates) {
    String lower = typo.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, typo.length() / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /**
   * The {@code count} candidates nearest to {@code value}, nearest first (ties in the candidates'
   * order), however far: for "the closest valid values are …".
   */
  public static List<String> nearest(String value, Collection<String> candidates, int count) {
    String lower = value.toLowerCase(Locale.ROOT);
    record Scored(String candidate, int distance) {}
    return candidates.stream()
        .map(candidate -> new Scored(candidate, distance(lower, candidate.toLowerCase(Locale.ROOT))))
        .sorted(Comparator.comparingInt(Scored::distance))
        .limit(count)
        .map(Scored::candidate)
        .toList();
  }

  /** Optimal string alignment distance: edits, where swapping two neighbours counts as one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
