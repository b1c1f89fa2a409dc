package io.sqledge.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what the API server (or the network) said into one problem per resource, in the user's
 * terms: what was refused, why, and what to do. The one place that knows HTTP status codes.
 */
public final class ApiErrors {

  private ApiErrors() {}

  /**
   * Kubernetes changes a StatefulSet's volumeClaimTemplates (or selector, or serviceName) only by
   * replacing the object. Deleting it with {@code --cascade=orphan} keeps its pod and its claims,
   * and the new StatefulSet adopts them (StatefulSetUpgradeTest); sqledge never deletes by itself.
   */
  private static String replaceStatefulSet(String resource, String namespace) {
    String name = resource.substring("StatefulSet/".length());
    return "a StatefulSet's claim template (volumeClaimTemplates) cannot change in place; replace"
        + " the StatefulSet object and keep its pod and claim: kubectl delete statefulset " + name
        + (namespace.isEmpty() ? "" : " -n " + namespace) + " --cascade=orphan, then apply again"
        + " (the new StatefulSet adopts the running pod; the claim and its data stay)";
  }

  public static Problem describe(String resource, String namespace, String verb, Exception e,
      Optional<SaPassword> secret, String serverUrl) {
    Origin origin = Origin.resource(resource + (namespace.isEmpty() ? "" : " in namespace " + namespace));
    String message;
    String fix;
    if (e instanceof KubernetesClientException k && k.getCode() > 0) {
      String reason = reason(k);
      switch (k.getCode()) {
        case 401 -> {
          message = "the API server did not accept the credentials (401 Unauthorized)";
          fix = "refresh the credentials of the kubeconfig context (for example az aks"
              + " get-credentials, aws eks update-kubeconfig, gcloud container clusters"
              + " get-credentials)";
        }
        case 403 -> {
          message = "forbidden (403): " + reason;
          // RBAC's escalation check: a role may grant only rights its maker holds
          // (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping).
          fix = reason.contains("attempting to grant RBAC permissions not currently held")
              ? "the account that applies must itself hold every right " + resource + " grants"
                  + " (or the escalate verb on its kind): the rules mvn sqledge:rbac writes hold"
                  + " them; ask a cluster administrator to apply those, or use another context"
                  + " (-Dsqledge.context)"
              : "the account lacks the verb on " + kindPlural(resource)
                  + (namespace.isEmpty() ? "" : " in namespace " + namespace) + " that the"
                  + " message names: run mvn sqledge:rbac -Dsqledge.rbac.serviceAccount=<namespace>/<name>"
                  + " (or .user, .group) and ask a cluster administrator to apply what it writes"
                  + " (every verb the goals use, nothing more), or use another context"
                  + " (-Dsqledge.context)";
        }
        case 404 -> {
          message = "not found (404): " + reason;
          fix = namespace.isEmpty() ? "check that the resource kind exists on this cluster"
              : "create the namespace (kubectl create namespace " + namespace
                  + ") or pass -Dsqledge.createNamespace=true";
        }
        case 409 -> {
          message = "conflict (409): " + reason;
          fix = "another field manager owns these fields; if sqledge should own them, re-run with"
              + " -Dsqledge.forceConflicts=true (like kubectl apply --server-side"
              + " --force-conflicts), otherwise change the other tool";
        }
        case 422 -> {
          message = "invalid (422): " + reason;
          fix = resource.startsWith("StatefulSet/")
              && reason.contains("updates to statefulset spec") ? replaceStatefulSet(resource,
                  namespace)
              : reason.contains("immutable") || reason.contains("Forbidden")
              ? "this field cannot change on an existing resource; sqledge never deletes and"
                  + " recreates it (that would lose data). Restore the previous value, or"
                  + " migrate by hand (for a smaller claim: back up, delete the claim, apply,"
                  + " restore)"
              : "fix the configuration or the template that produced this field";
        }
        case 429 -> {
          message = "the API server is throttling requests (429) and still did after "
              + ClusterConnector.RETRIES + " retries";
          fix = "run again later";
        }
        default -> {
          if (k.getCode() >= 500) {
            message = "the API server failed (" + k.getCode() + ") after "
                + ClusterConnector.RETRIES + " retries: " + reason;
            fix = "check the cluster's health, then run again; apply is safe to repeat";
          } else {
            message = "the API server refused the request (" + k.getCode() + "): " + reason;
            fix = "see the message above";
          }
        }
      }
    } else if (isUnreachable(e)) {
      message = "cannot reach the API server at " + serverUrl + " (" + rootMessage(e) + ")";
      fix = "check that the cluster is running and the kubeconfig context points at it"
          + " (kubectl cluster-info); apply is safe to repeat";
    } else {
      message = "the request failed: " + rootMessage(e);
      fix = "run again with -e for details; apply is safe to repeat";
    }
    String text = verb + " failed: " + message;
    if (secret.isPresent()) {
      text = secret.get().redact(text);
    }
    return Problem.error(origin, "", text, fix);
  }

  private static String reason(KubernetesClientException e) {
    Status status = e.getStatus();
    if (status == null) {
      return rootMessage(e);
    }
    StringBuilder text = new StringBuilder(String.valueOf(status.getMessage()));
    if (status.getDetails() != null && status.getDetails().getCauses() != null
        && !status.getDetails().getCauses().isEmpty()
        && !String.valueOf(status.getMessage()).contains(":")) {
      text.append(": ").append(status.getDetails().getCauses().stream()
          .map(ApiErrors::cause).collect(Collectors.joining("; ")));
    }
    return text.toString();
  }

  private static String cause(StatusCause cause) {
    return (cause.getField() == null ? "" : cause.getField() + ": ") + cause.getMessage();
  }

  static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException || t instanceof java.net.SocketException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The resource's name in RBAC rules, as Kubernetes makes it: storageclasses, networkpolicies. */
  static String kindPlural(String resource) {
    String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith("s")) {
      return lower + "es";
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length()
        - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }

  static List<String> names(List<ResourceChange> changes) {
    return changes.stream().map(ResourceChange::resource).toList();
  }
}
