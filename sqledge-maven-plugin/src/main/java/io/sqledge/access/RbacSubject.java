package io.sqledge.access;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the pipeline runs the goals as: a ServiceAccount ({@code namespace/name}), a user or a
 * group, as an RBAC binding names it.
 *
 * @param kind {@code ServiceAccount}, {@code User} or {@code Group}
 * @param namespace the ServiceAccount's namespace; empty for a user or a group
 */
public record RbacSubject(String kind, String name, String namespace) {

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  /**
   * The one subject the properties name; an error naming them when none or several is set, or a
   * ServiceAccount is not {@code namespace/name}.
   */
  public static RbacSubject of(Optional<String> serviceAccount, Optional<String> user,
      Optional<String> group) throws SqledgeException {
    long set = List.of(serviceAccount, user, group).stream().filter(Optional::isPresent).count();
    if (set != 1) {
      throw failure("sqledge.rbac.serviceAccount", (set == 0 ? "no" : "more than one")
          + " account is named for the rules", "name exactly one:"
          + " -Dsqledge.rbac.serviceAccount=<namespace>/<name>, -Dsqledge.rbac.user=<name> or"
          + " -Dsqledge.rbac.group=<name>");
    }
    if (serviceAccount.isPresent()) {
      String[] parts = serviceAccount.get().split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw failure("sqledge.rbac.serviceAccount", "-Dsqledge.rbac.serviceAccount is `"
            + Problem.shorten(serviceAccount.get()) + "`", "write it as <namespace>/<name>, such"
            + " as ci/deployer");
      }
      return new RbacSubject("ServiceAccount", parts[1].trim(), parts[0].trim());
    }
    return user.map(name -> new RbacSubject("User", name, ""))
        .orElseGet(() -> new RbacSubject("Group", group.get(), ""));
  }

  /** The subject as a binding lists it. */
  Map<String, Object> asBindingSubject() {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", kind);
    subject.put("name", name);
    if (kind.equals("ServiceAccount")) {
      subject.put("namespace", namespace);
    } else {
      subject.put("apiGroup", RBAC_GROUP);
    }
    return subject;
  }

  /** How messages name the subject. */
  public String describe() {
    return kind.equals("ServiceAccount") ? "ServiceAccount " + namespace + "/" + name
        : kind + " " + name;
  }

  private static SqledgeException failure(String property, String message, String fix) {
    return new SqledgeException("sqledge: cannot write the RBAC rules",
        List.of(Problem.error(Origin.property(property), property, message, fix)));
  }
}
