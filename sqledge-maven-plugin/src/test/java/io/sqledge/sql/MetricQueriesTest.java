package io.sqledge.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.sql.MetricQueries.Kind;
import io.sqledge.sql.MetricQueries.Metric;
import io.sqledge.sql.TsqlTokens.Token;
import io.sqledge.sql.TsqlTokens.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * Each metric's query, read by the T-SQL lexer: one SELECT (no second statement, no batch
 * separator, nothing sqlcmd would act on), reading only the system views its help names and
 * msdb's backup history, with a column named for each label and value the exporter maps, and
 * names Prometheus takes. No SQL Server runs here: what the views hold is from their reference
 * pages, and the docs say so.
 */
class MetricQueriesTest {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** The objects the queries may read: system views and functions, and msdb's backupset. */
  private static final Set<String> READABLE = Set.of("sys.dm_os_sys_info", "sys.databases",
      "sys.master_files", "sys.dm_os_volume_stats", "sys.dm_os_performance_counters",
      "msdb.dbo.backupset", "sys.dm_exec_sessions");

  static final List<Metric> METRICS = MetricQueries.ALL;

  @ParameterizedTest
  @FieldSource("METRICS")
  void eachQueryIsOneSelectOfSystemViews(Metric metric) {
    List<Token> tokens = TsqlTokens.of(metric.query());
    assertTrue(tokens.get(0).is("SELECT"), metric.query());
    assertTrue(tokens.stream().noneMatch(t -> t.is(";") || t.is("GO") || t.is("INSERT")
        || t.is("UPDATE") || t.is("DELETE") || t.is("EXEC") || t.is("EXECUTE") || t.is("INTO")),
        metric.query());
    assertFalse(metric.query().contains("$(") || metric.query().contains(":!!")
        || metric.query().contains("\n"), "nothing sqlcmd or the exporter would act on");
    Set<String> read = new HashSet<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).is("FROM") || tokens.get(i).is("JOIN") || tokens.get(i).is("APPLY")) {
        read.add(objectName(tokens, i + 1));
      }
    }
    assertFalse(read.isEmpty(), metric.query());
    assertTrue(READABLE.containsAll(read), "reads " + read);
  }

  /** Every label and value the exporter maps is a column the query names with AS. */
  @ParameterizedTest
  @FieldSource("METRICS")
  void everyMappedColumnIsNamedByTheQuery(Metric metric) {
    List<Token> tokens = TsqlTokens.of(metric.query());
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).is("AS") && (tokens.get(i + 1).type() == Type.WORD
          || tokens.get(i + 1).type() == Type.NAME)) {
        aliases.add(tokens.get(i + 1).value());
      }
    }
    List<String> mapped = new ArrayList<>(metric.keyLabels());
    mapped.addAll(metric.values());
    assertTrue(aliases.containsAll(mapped), metric.name() + ": " + mapped + " among "
        + aliases);
  }

  @ParameterizedTest
  @FieldSource("METRICS")
  void namesArePrometheusNames(Metric metric) {
    assertTrue(METRIC_NAME.matcher(metric.name()).matches(), metric.name());
    assertTrue(metric.name().startsWith("mssql_"), metric.name());
    assertEquals(metric.kind() == Kind.COUNTER, metric.name().endsWith("_total"), metric.name());
    metric.keyLabels().forEach(label -> assertTrue(LABEL_NAME.matcher(label).matches()
        && !label.startsWith("__"), label));
    assertEquals(metric.values().size() > 1, !metric.valueLabel().isEmpty(),
        "several values are told apart by a label, and only then");
    assertFalse(metric.help().isBlank());
  }

  @Test
  void namesAreUnique() {
    assertEquals(METRICS.size(), METRICS.stream().map(Metric::name).distinct().count());
  }

  /** The object a FROM, JOIN or APPLY names: dotted words, lower-cased. */
  private static String objectName(List<Token> tokens, int start) {
    StringBuilder name = new StringBuilder(tokens.get(start).value());
    int i = start + 1;
    while (i + 1 < tokens.size() && tokens.get(i).is(".")) {
      name.append('.').append(tokens.get(i + 1).value());
      i += 2;
    }
    return name.toString().toLowerCase(java.util.Locale.ROOT);
  }
}
