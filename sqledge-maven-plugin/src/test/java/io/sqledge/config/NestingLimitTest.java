package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.TestConfigs;
import io.sqledge.diagnostic.Problems;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestingLimitTest {

  @TempDir Path dir;

  @Test
  void deepNestingIsRefusedWithAPosition() {
    StringBuilder yaml = new StringBuilder();
    for (int depth = 0; depth < 200; depth++) {
      yaml.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
    }
    yaml.append("  ".repeat(200)).append("leaf: 1\n");
    Problems problems = new Problems();

    assertTrue(TestConfigs.load(dir, yaml.toString(), problems).isEmpty());
    assertEquals(33, problems.errors().get(0).origin().line(), problems.all()::toString);
    assertEquals("the file nests more than 32 levels deep", problems.errors().get(0).message());
  }

  @Test
  void deepFlowNestingIsRefusedToo() {
    Problems problems = new Problems();
    TestConfigs.load(dir, "name: " + "[".repeat(500) + "]".repeat(500) + "\n", problems);

    assertEquals(1, problems.errors().get(0).origin().line(), problems.all()::toString);
    assertTrue(problems.errors().get(0).message().contains("levels deep"), problems.all()::toString);
  }
}
