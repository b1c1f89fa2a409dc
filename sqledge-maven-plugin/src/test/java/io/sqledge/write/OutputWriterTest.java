package io.sqledge.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.diagnostic.SqledgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

  @TempDir Path dir;

  private static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return files;
  }

  /** Stages {@code files} and commits them: the whole of a write without a combined file. */
  private static OutputWriter.Result write(Path out, Map<String, String> files, String inputsKey,
      List<String> notes) throws Exception {
    try (OutputWriter.Staging staging = OutputWriter.stage(out)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        staging.file(file.getKey(), file.getValue());
      }
      return staging.commit(inputsKey, notes);
    }
  }

  private static List<String> listing(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void replacesTheDirectoryAsAWhole() throws Exception {
    Path out = dir.resolve("sqledge");
    write(out, files("manifests.yaml", "a", "old/01-x.yaml", "x"), "", List.of());

    OutputWriter.Result result =
        write(out, files("manifests.yaml", "b", "new/01-y.yaml", "y"), "", List.of());

    assertFalse(result.upToDate());
    assertEquals(List.of("manifests.yaml", "new/01-y.yaml"), listing(out));
    assertEquals("b", Files.readString(out.resolve("manifests.yaml")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(".sqledge.lock", "sqledge"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging left over");
    }
  }

  @Test
  void unchangedContentIsNotRewritten() throws Exception {
    Path out = dir.resolve("sqledge");
    write(out, files("manifests.yaml", "a"), "", List.of());
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(out.resolve("manifests.yaml"), old);

    OutputWriter.Result result = write(out, files("manifests.yaml", "a"), "", List.of());

    assertTrue(result.upToDate());
    assertEquals(old, Files.getLastModifiedTime(out.resolve("manifests.yaml")));
  }

  @Test
  void failureLeavesTheOldDirectoryUntouched() throws Exception {
    Path out = dir.resolve("sqledge");
    write(out, files("manifests.yaml", "old"), "", List.of());

    // A file name the file system refuses makes the staging write fail half-way.
    Map<String, String> bad = files("manifests.yaml", "new", "bad\0name.yaml", "x");
    assertThrows(Exception.class, () -> write(out, bad, "", List.of()));

    assertEquals(List.of("manifests.yaml"), listing(out));
    assertEquals("old", Files.readString(out.resolve("manifests.yaml")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(2, siblings.count(), "no staging directory left behind");
    }
  }

  @Test
  void unwritableParentIsAClearError() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "not a directory");

    SqledgeException e = assertThrows(SqledgeException.class,
        () -> write(blocker.resolve("sqledge"), files("manifests.yaml", "a"), "", List.of()));

    assertTrue(e.getMessage().startsWith("sqledge: writing the manifests failed;"), e::getMessage);
  }

  /** Writes an output whose combined file is appended in two pieces, as a fleet's is. */
  private static OutputWriter.Result stage(Path out, String combined, String... pathsAndContents)
      throws Exception {
    try (OutputWriter.Staging staging = OutputWriter.stage(out)) {
      OutputWriter.Staging.Appender appender = staging.appender("manifests.yaml");
      appender.append(combined.substring(0, combined.length() / 2));
      appender.append(combined.substring(combined.length() / 2));
      for (Map.Entry<String, String> file : files(pathsAndContents).entrySet()) {
        staging.file(file.getKey(), file.getValue());
      }
      return staging.commit("", List.of());
    }
  }

  @Test
  void filesFoundUnchangedBeforeTheFirstDifferenceAreWrittenToo() throws Exception {
    Path out = dir.resolve("sqledge");
    stage(out, "all", "a/1.yaml", "one", "a/2.yaml", "two", "b/1.yaml", "three");

    // The first two are only compared; the third differs, and the swap must keep all three.
    OutputWriter.Result result =
        stage(out, "all", "a/1.yaml", "one", "a/2.yaml", "two", "b/1.yaml", "THREE");

    assertFalse(result.upToDate());
    assertEquals(List.of("a/1.yaml", "a/2.yaml", "b/1.yaml", "manifests.yaml"), listing(out));
    assertEquals("one", Files.readString(out.resolve("a/1.yaml")));
    assertEquals("THREE", Files.readString(out.resolve("b/1.yaml")));
  }

  @Test
  void anAppendedFileIsComparedAsAWhole() throws Exception {
    Path out = dir.resolve("sqledge");
    stage(out, "every resource", "a/1.yaml", "one");

    assertTrue(stage(out, "every resource", "a/1.yaml", "one").upToDate());
    OutputWriter.Result changed = stage(out, "every resource!", "a/1.yaml", "one");

    assertFalse(changed.upToDate());
    assertEquals("every resource!", Files.readString(out.resolve("manifests.yaml")));
    assertEquals("one", Files.readString(out.resolve("a/1.yaml")), "the unchanged file is kept");
  }

  @Test
  void aFileNoLongerWrittenIsRemovedEvenWhenTheRestIsUnchanged() throws Exception {
    Path out = dir.resolve("sqledge");
    stage(out, "all", "a/1.yaml", "one", "b/1.yaml", "two");

    OutputWriter.Result result = stage(out, "all", "a/1.yaml", "one");

    assertFalse(result.upToDate());
    assertEquals(List.of("a/1.yaml", "manifests.yaml"), listing(out));
  }

  @Test
  void stagedFilesThatAreNotCommittedLeaveNoTrace() throws Exception {
    Path out = dir.resolve("sqledge");
    write(out, files("manifests.yaml", "old"), "", List.of());

    try (OutputWriter.Staging staging = OutputWriter.stage(out)) {
      staging.file("manifests.yaml", "new");
      staging.file("a/1.yaml", "one");
      // A later instance failed to render: no commit.
    }

    assertEquals(List.of("manifests.yaml"), listing(out));
    assertEquals("old", Files.readString(out.resolve("manifests.yaml")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(".sqledge.lock", "sqledge"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging left over");
    }
  }
}
