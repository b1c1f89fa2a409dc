package io.sqledge.diagnostic;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A step started on a daemon thread of its own, so that the caller can do something else
 * meanwhile (set up the templates while the configuration loads; connect while rendering). Its
 * result, or its failure exactly as it was thrown, is taken with {@link #get}.
 *
 * @param <T> what the step makes
 */
public final class Background<T> {

  /** The step: makes a {@code T}, or fails with a {@link SqledgeException} (or unchecked). */
  public interface Step<T> {
    T run() throws SqledgeException;
  }

  private final FutureTask<T> task;

  private Background(FutureTask<T> task) {
    this.task = task;
  }

  /** Starts {@code step} on a daemon thread named {@code threadName}. */
  public static <T> Background<T> start(String threadName, Step<T> step) {
    FutureTask<T> task = new FutureTask<>(step::run);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.start();
    return new Background<>(task);
  }

  /** Waits for the step; rethrows what it threw. */
  public T get() throws SqledgeException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + task, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SqledgeException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Waits for the step; what it made, or empty when it failed (its failure is {@link #get}'s). */
  public Optional<T> result() {
    try {
      return Optional.of(get());
    } catch (SqledgeException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
