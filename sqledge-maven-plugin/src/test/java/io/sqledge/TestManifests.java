package io.sqledge;

import io.sqledge.render.ManifestRenderer;
import io.sqledge.verify.Manifest;
import io.sqledge.verify.ManifestVerifier;
import java.nio.file.Path;
import java.util.List;

/** The typed objects of a configuration's output, found by kind rather than by position. */
public final class TestManifests {

  private TestManifests() {}

  /** The bundled templates' output for a configuration, checked and typed. */
  public static List<Manifest> render(Path dir, String yaml) throws Exception {
    return ManifestVerifier.verify(ManifestRenderer.bundled().render(TestConfigs.checked(dir,
        yaml))).manifests();
  }

  /** Every object of a type, in apply order. */
  public static <T> List<T> all(List<Manifest> manifests, Class<T> type) {
    return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast)
        .toList();
  }

  /** The first object of a type (the database's, where the output has several). */
  public static <T> T first(List<Manifest> manifests, Class<T> type) {
    return all(manifests, type).stream().findFirst().orElseThrow(() -> new AssertionError(
        "no " + type.getSimpleName() + " in " + manifests.stream().map(Manifest::describe)
            .toList()));
  }
}
