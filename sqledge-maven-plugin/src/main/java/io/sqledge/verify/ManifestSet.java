package io.sqledge.verify;

import java.util.List;

/** The verified resources of one instance, in apply order. */
public record ManifestSet(List<Manifest> manifests) {

  public ManifestSet {
    manifests = List.copyOf(manifests);
  }
}
