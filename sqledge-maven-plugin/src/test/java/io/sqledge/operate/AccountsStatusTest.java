package io.sqledge.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqledge.operate.InstanceStatus.AccountsState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How status tells the databases and logins, and what exists but is no longer declared. */
class AccountsStatusTest {

  private static List<String> lines(AccountsState accounts) {
    List<String> all = StatusLines.of(new InstanceStatus("shop", "Deployment/db", List.of(),
        List.of(), Optional.empty(), List.of(), List.of(), InstanceStatus.AutomaticFailover.NONE,
        List.of(), Optional.of(accounts)));
    return all.subList(4, all.size());
  }

  @Test
  void whatExistsButIsNotDeclaredIsListedAsKept() {
    assertEquals(List.of("  databases and logins: job db-accounts-0123456789 completed",
        "  not declared, kept: database old_sales", "  not declared, kept: login bob"),
        lines(new AccountsState("db-accounts-0123456789", "completed",
            Optional.of(List.of("database old_sales", "login bob")))));
  }

  @Test
  void aLogTheNodeDoesNotServeIsSaid() {
    assertEquals(List.of("  databases and logins: job db-accounts-0123456789 running (its log is"
        + " not served: what exists but is not declared is not known here)"),
        lines(new AccountsState("db-accounts-0123456789", "running", Optional.empty())));
  }
}
