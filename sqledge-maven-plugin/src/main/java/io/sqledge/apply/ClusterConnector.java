package io.sqledge.apply;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a Kubernetes client from {@link ClusterSettings} with fabric8's own kubeconfig handling,
 * so that contexts, exec plugins, tokens and in-cluster accounts work as they do for kubectl.
 *
 * <p>Transient failures (connection errors, HTTP 5xx and 429) are retried by fabric8 with an
 * exponential backoff, a bounded number of times; everything else fails at once.
 */
public final class ClusterConnector {

  /** Retries after the first attempt, for transient failures only. */
  static final int RETRIES = 3;

  static final int FIRST_BACKOFF_MILLIS = 250;

  private ClusterConnector() {}

  public static KubernetesClient connect(ClusterSettings settings) throws SqledgeException {
    Config config;
    String context = settings.context().orElse(null);
    try {
      if (settings.kubeconfig().isPresent()) {
        var file = settings.kubeconfig().get();
        if (!Files.isRegularFile(file)) {
          throw failure("the kubeconfig file " + file + " does not exist",
              "check `cluster.kubeconfig` (relative to the project) or -Dsqledge.kubeconfig, or"
                  + " leave both unset to use KUBECONFIG or ~/.kube/config");
        }
        config = Config.fromKubeconfig(context, Files.readString(file), file.toString());
      } else {
        if (!kubeconfigFound() && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
          // fabric8 would fall back to https://kubernetes.default.svc, which only resolves in a pod.
          throw failure("no cluster is configured: no kubeconfig (KUBECONFIG, ~/.kube/config) and"
                  + " not running in a pod",
              "set KUBECONFIG, pass -Dsqledge.kubeconfig=<file>, or log in to the cluster (az aks"
                  + " get-credentials, aws eks update-kubeconfig, gcloud container clusters"
                  + " get-credentials)");
        }
        config = Config.autoConfigure(context);
      }
    } catch (SqledgeException e) {
      throw e;
    } catch (Exception e) {
      // Never the exception's text: a parser error quotes the kubeconfig, tokens included.
      throw failure("cannot read the cluster configuration (" + where(e) + ")",
          "check the kubeconfig (kubectl config view) and the context name (kubectl config"
              + " get-contexts)");
    }
    if (context != null && config.getCurrentContext() != null
        && !context.equals(config.getCurrentContext().getName())) {
      throw failure("the kubeconfig has no context `" + context + "`",
          "list the contexts with kubectl config get-contexts, and name one in `cluster.context`"
              + " or -Dsqledge.context");
    }
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw failure("no cluster is configured: no kubeconfig and not running in a pod",
          "set KUBECONFIG, pass -Dsqledge.kubeconfig=<file>, or run kubectl config use-context");
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
    config.setRequestTimeout(millis);
    config.setConnectionTimeout(Math.min(millis, 10_000));
    config.setRequestRetryBackoffLimit(RETRIES);
    config.setRequestRetryBackoffInterval(FIRST_BACKOFF_MILLIS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static final Pattern POSITION = Pattern.compile("line:? (\\d+), column:? (\\d+)");

  /** Where a kubeconfig could not be read: a position, or the kind of failure; nothing quoted. */
  static String where(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      Matcher position = POSITION.matcher(String.valueOf(cause.getMessage()));
      if (position.find()) {
        return "not valid YAML at line " + position.group(1) + ", column " + position.group(2);
      }
    }
    return e.getClass().getSimpleName();
  }

  /** Whether kubectl would find a kubeconfig: a KUBECONFIG entry or ~/.kube/config. */
  private static boolean kubeconfigFound() {
    String variable = System.getenv("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      for (String path : variable.split(java.io.File.pathSeparator)) {
        if (!path.isBlank() && Files.isRegularFile(java.nio.file.Path.of(path))) {
          return true;
        }
      }
    }
    String home = System.getProperty("user.home");
    return home != null && Files.isRegularFile(java.nio.file.Path.of(home, ".kube", "config"));
  }

  private static SqledgeException failure(String message, String fix) {
    return new SqledgeException("sqledge: cannot connect to the cluster",
        List.of(Problem.error(Origin.resource("kubeconfig"), "", message, fix)));
  }
}
