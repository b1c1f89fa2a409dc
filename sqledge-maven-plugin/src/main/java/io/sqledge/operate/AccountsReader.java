package io.sqledge.operate;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sqledge.apply.JobWatch;
import io.sqledge.operate.InstanceStatus.AccountsState;
import io.sqledge.render.AccountsModel;
import io.sqledge.sql.AccountScript;
import io.sqledge.verify.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance's databases and logins as the cluster shows them: the accounts Job of the
 * current declaration, how it ended, and, when the node serves its log, the databases and logins
 * it found on the server but not in the declaration (kept, never dropped).
 */
final class AccountsReader {

  private final KubernetesClient client;

  AccountsReader(KubernetesClient client) {
    this.client = client;
  }

  Optional<AccountsState> read(List<Manifest> manifests, String namespace) {
    Optional<Job> rendered = manifests.stream().map(Manifest::resource)
        .filter(Job.class::isInstance).map(Job.class::cast)
        .filter(job -> AccountsModel.ACCOUNTS.equals(Optional.ofNullable(job.getMetadata()
            .getLabels()).orElse(Map.of()).get("app.kubernetes.io/name")))
        .findFirst();
    if (rendered.isEmpty()) {
      return Optional.empty();
    }
    String name = rendered.get().getMetadata().getName();
    Job live = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (live == null) {
      return Optional.of(new AccountsState(name, "not applied (mvn sqledge:apply)",
          Optional.empty()));
    }
    var status = Optional.ofNullable(live.getStatus());
    String state = status.map(s -> s.getSucceeded()).filter(n -> n > 0).isPresent() ? "completed"
        : status.map(s -> s.getFailed()).filter(n -> n > 0).isPresent()
            && status.map(s -> s.getActive()).filter(n -> n > 0).isEmpty() ? "failed"
        : "running";
    Optional<String> log;
    try {
      log = Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name)
          .getLog());
    } catch (KubernetesClientException e) {
      log = Optional.empty(); // a simulated node serves no log; nor does a pod that is gone
    }
    return Optional.of(new AccountsState(name, state, log.map(text -> JobWatch.reported(
        Optional.of(text), AccountScript.REPORTED + AccountScript.UNDECLARED))));
  }
}
