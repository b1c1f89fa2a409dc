package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every goal honours {@code sqledge.skip} and its own {@code sqledge.<goal>.skip} before it
 * touches anything: the goals here have no project, no configuration and no cluster, so any step
 * past the skip would throw. The skip IT proves the same through Maven against a recording API
 * server.
 */
class SkipTest {

  static Stream<Arguments> goals() {
    return Stream.of(
        Arguments.of("generate", (Supplier<ProjectGoal>) GenerateMojo::new),
        Arguments.of("apply", (Supplier<ProjectGoal>) ApplyMojo::new),
        Arguments.of("diff", (Supplier<ProjectGoal>) DiffMojo::new),
        Arguments.of("status", (Supplier<ProjectGoal>) StatusMojo::new),
        Arguments.of("failover", (Supplier<ProjectGoal>) FailoverMojo::new),
        Arguments.of("delete", (Supplier<ProjectGoal>) DeleteMojo::new),
        Arguments.of("backup", (Supplier<ProjectGoal>) BackupMojo::new),
        Arguments.of("restore", (Supplier<ProjectGoal>) RestoreMojo::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goals")
  void sqledgeSkipSkipsTheGoalInOneLine(String goal, Supplier<ProjectGoal> goals)
      throws Exception {
    ProjectGoal mojo = goals.get();
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    setVariableValueToObject(mojo, "skip", true);

    mojo.execute();

    assertEquals("INFO sqledge: " + goal + " skipped (sqledge.skip=true)", log.all());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goals")
  void theGoalsOwnFlagSkipsIt(String goal, Supplier<ProjectGoal> goals) throws Exception {
    ProjectGoal mojo = goals.get();
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    String field = "skip" + Character.toUpperCase(goal.charAt(0)) + goal.substring(1);
    setVariableValueToObject(mojo, field, true);

    mojo.execute();

    assertEquals("INFO sqledge: " + goal + " skipped (sqledge." + goal + ".skip=true)",
        log.all());
  }
}
