package io.sqledge.verify;

import java.util.List;

/** The verified resources of one instance, in apply order. */
public record ManifestSet(List<Manifest> manifests) {

  public ManifestSet {
    manifests = List.copyOf(manifests);
  }

  /**
   * Makes each resource's typed fabric8 object now ({@link Manifest#resource}), so that a caller
   * can spend time it would wait anyway (for a cluster connection) on Jackson's set-up.
   */
  public void makeTyped() {
    manifests.forEach(Manifest::resource);
  }
}
