package io.sqledge.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table at the end of a run over several sites, one row per site, aligned as {@code kubectl
 * get} aligns its columns:
 *
 * <pre>
 * SITE     INSTANCES  RESULT                   TOOK   ENDPOINT
 * berlin   2          3 created, 11 unchanged  14.2s  10.20.0.15:1433, 10.20.0.16:1433
 * hamburg  1          failed: cannot connect   10.0s
 * </pre>
 */
public final class SiteSummary {

  private static final List<String> HEADER =
      List.of("SITE", "INSTANCES", "RESULT", "TOOK", "ENDPOINT");

  /** The longest reason of failure a row shows. */
  static final int REASON_WIDTH = 60;

  private SiteSummary() {}

  /** The table's lines, header first. */
  public static List<String> lines(List<SiteResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SiteResult result : results) {
      rows.add(List.of(result.site().name(),
          String.valueOf(result.site().instances().size()),
          result.outcome().map(SiteOutcome::result)
              .orElseGet(() -> "failed: " + shortened(reason(result))),
          String.format(Locale.ROOT, "%.1fs", result.took().toMillis() / 1000.0),
          result.outcome().map(outcome -> String.join(", ", outcome.endpoints())).orElse("")));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int column = 0; column < row.size(); column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.size(); column++) {
        line.append(column == row.size() - 1 ? row.get(column)
            : String.format(Locale.ROOT, "%-" + (widths[column] + 2) + "s", row.get(column)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /** At most {@link #REASON_WIDTH} characters: the whole reason is in the failure. */
  private static String shortened(String reason) {
    return reason.length() <= REASON_WIDTH ? reason
        : reason.substring(0, REASON_WIDTH - 1) + "…";
  }

  /**
   * Why a site failed, in one line: the first problem's message, else the failure's summary,
   * without the {@code sqledge: } every message starts with.
   */
  public static String reason(SiteResult result) {
    return result.failure().map(failure -> failure.problems().isEmpty()
        ? failure.getMessage().lines().findFirst().orElse("")
        : failure.problems().get(0).message()).orElse("")
        .replaceFirst("^sqledge: ", "");
  }
}
