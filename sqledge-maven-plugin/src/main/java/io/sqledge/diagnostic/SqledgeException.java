package io.sqledge.diagnostic;

import java.util.List;

/**
 * The one failure type of the core: a summary line and the problems behind it. Its message is
 * complete and meant for users as it is; the Maven adapter shows it without a stack trace.
 */
public class SqledgeException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public SqledgeException(String summary, List<Problem> problems) {
    this(summary, problems, null);
  }

  public SqledgeException(String summary, List<Problem> problems, Throwable cause) {
    super(format(summary, problems), cause);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String summary, List<Problem> problems) {
    StringBuilder text = new StringBuilder(summary);
    for (Problem problem : problems) {
      text.append("\n").append("  ").append(problem.render());
    }
    return text.toString();
  }
}
