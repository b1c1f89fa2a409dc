package io.sqledge;

import java.util.concurrent.CompletableFuture;

/** Steps a test runs beside the code under test, as a cluster's controllers run beside apply. */
public final class TestThreads {

  private TestThreads() {}

  /**
   * Runs {@code step} on a thread of its own. Not on the common fork-join pool, which has one
   * thread on two cores: on JDK 25 a step that waited there held up the Kubernetes client's
   * requests for as long as it waited (request timeouts; seen again in SitesTest's first CI run).
   */
  public static CompletableFuture<Void> beside(String name, Runnable step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        step.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return done;
  }
}
