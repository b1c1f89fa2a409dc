package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.apply.SqlcmdJobScripts.Run;
import io.sqledge.sql.AccountScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accounts job's script (templates/accounts.sh) with BusyBox's sh, once with BusyBox's own
 * tools and once with the system's (GNU), and a stand-in sqlcmd that keeps what it was sent: it
 * waits for the server, puts each password in its place with its quotes doubled and nowhere
 * else, and fails as sqlcmd fails. What SQL Server then does with the T-SQL is not executed here.
 */
class AccountsJobScriptTest {

  private static final Path SCRIPT = Path.of("../templates/accounts.sh");
  private static final List<String> BUSYBOX_TOOLS = List.of("awk", "grep", "sort", "sleep", "rm",
      "cat");

  @TempDir Path work;

  @BeforeEach
  void prepare() throws IOException {
    Files.createDirectories(work.resolve("tmp"));
    Path scripts = Files.createDirectories(work.resolve("scripts"));
    Files.copy(BackupJobScriptTest.LIBRARY, scripts.resolve("sqlcmd.sh"));
    Files.writeString(scripts.resolve("accounts.sql"), String.join("\n",
        "CREATE LOGIN [app] WITH PASSWORD = N'" + AccountScript.passwordToken(0) + "';",
        "IF PWDCOMPARE(N'" + AccountScript.passwordToken(0) + "', h) = 1 AND PWDCOMPARE(N'"
            + AccountScript.passwordToken(1) + "', h) = 1 PRINT N'x';",
        "CREATE LOGIN [reader] WITH PASSWORD = N'" + AccountScript.passwordToken(1) + "';",
        "") );
    // The stand-in client: counts the connection checks, keeps the script it was sent.
    Path sqlcmd = Files.writeString(Files.createDirectories(work.resolve("sqlcmd"))
        .resolve("sqlcmd"), """
        #!/bin/sh
        echo "$@" >> "$TMPDIR/sqlcmd-calls"
        case "$*" in
          *"SELECT 1"*)
            n=$(cat "$TMPDIR/tries" 2>/dev/null || echo 0); echo $((n + 1)) > "$TMPDIR/tries"
            [ "$((n + 1))" -ge "${FAKE_READY_AFTER:-1}" ] || exit 1
            exit 0 ;;
        esac
        while [ $# -gt 1 ]; do [ "$1" = -i ] && cat "$2" > "$TMPDIR/sent.sql"; shift; done
        echo "sqledge: created login app"
        exit "${FAKE_SQLCMD_EXIT:-0}"
        """);
    assertTrue(sqlcmd.toFile().setExecutable(true));
  }

  private Run run(String tools, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("TMPDIR", work.resolve("tmp").toString(),
        "SQLEDGE_SCRIPTS", work.resolve("scripts").toString(), "SQLEDGE_HOST", "db.shop.svc",
        "SQLEDGE_PORT", "1433", "SQLEDGE_LOGIN", "sa", "SQLCMDPASSWORD", "Not-Shown-1",
        "SQLEDGE_PASSWORD_0", "App-Pass-1", "SQLEDGE_PASSWORD_1", "Reader-Pass-2",
        "SQLEDGE_WAIT_SECONDS", "10"));
    all.putAll(env);
    return new SqlcmdJobScripts(work, BUSYBOX_TOOLS).run(SCRIPT, tools, all);
  }

  private String sent() throws IOException {
    return Files.readString(work.resolve("tmp/sent.sql"), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "gnu"})
  void eachPasswordGoesInItsPlaceWithItsQuotesDoubled(String tools) throws Exception {
    String hostile = "it's $(rm -rf /) & \\1 \"q\" {{SQLEDGE_PASSWORD_1}} Ünï ''";
    Run run = run(tools, Map.of("SQLEDGE_PASSWORD_0", hostile));
    assertEquals(0, run.exit(), run.output());
    String doubled = hostile.replace("'", "''");
    assertEquals(String.join("\n",
        "CREATE LOGIN [app] WITH PASSWORD = N'" + doubled + "';",
        "IF PWDCOMPARE(N'" + doubled + "', h) = 1 AND PWDCOMPARE(N'Reader-Pass-2', h) = 1"
            + " PRINT N'x';",
        "CREATE LOGIN [reader] WITH PASSWORD = N'Reader-Pass-2';", ""), sent());
    assertTrue(run.output().contains("sqledge: created login app"), run.output());
    assertFalse(run.output().contains("App-Pass") || run.output().contains(hostile),
        run.output());
    String calls = Files.readString(work.resolve("tmp/sqlcmd-calls"));
    assertTrue(calls.contains("-S tcp:db.shop.svc,1433 -U sa -C -b -x -f i:65001 -i "),
        "no scripting variables (-x), so a password's $( is text: " + calls);
    assertFalse(calls.contains("Pass"), "no password on a command line: " + calls);
    try (var files = Files.list(work.resolve("tmp"))) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().equals(
          "sqledge-accounts.sql")), "the filled script is removed");
    }
  }

  @Test
  void itWaitsUntilTheServerAcceptsAConnection() throws Exception {
    Run run = run("busybox", Map.of("FAKE_READY_AFTER", "2"));
    assertEquals(0, run.exit(), run.output());
    assertEquals("2", Files.readString(work.resolve("tmp/tries")).strip());
    Run never = run("busybox", Map.of("FAKE_READY_AFTER", "99", "SQLEDGE_WAIT_SECONDS", "5"));
    assertEquals(1, never.exit(), never.output());
    assertTrue(never.output().contains("did not accept a connection as sa within 5s"),
        never.output());
  }

  @Test
  void aPasswordThatIsMissingOrHoldsALineBreakIsRefusedBeforeAnythingIsSent() throws Exception {
    Run missing = run("busybox", Map.of("SQLEDGE_PASSWORD_1", ""));
    assertEquals(2, missing.exit(), missing.output());
    assertTrue(missing.output().contains("SQLEDGE_PASSWORD_1 is not set"), missing.output());
    Run broken = run("busybox", Map.of("SQLEDGE_PASSWORD_0", "two\nGO\nlines"));
    assertEquals(2, broken.exit(), broken.output());
    assertTrue(broken.output().contains("holds a control character"), broken.output());
    assertFalse(broken.output().contains("lines"), broken.output());
    assertFalse(Files.exists(work.resolve("tmp/sent.sql")), "nothing was sent");
  }

  @Test
  void aScriptSqlServerRefusesFailsTheJob() throws Exception {
    Run run = run("busybox", Map.of("FAKE_SQLCMD_EXIT", "1"));
    assertEquals(1, run.exit(), run.output());
    assertFalse(Files.exists(work.resolve("tmp/sqledge-accounts.sql")));
  }
}
