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

  private static List<String> listing(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void replacesTheDirectoryAsAWhole() throws Exception {
    Path out = dir.resolve("sqledge");
    OutputWriter.write(out, files("manifests.yaml", "a", "old/01-x.yaml", "x"), "", List.of());

    OutputWriter.Result result =
        OutputWriter.write(out, files("manifests.yaml", "b", "new/01-y.yaml", "y"), "", List.of());

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
    OutputWriter.write(out, files("manifests.yaml", "a"), "", List.of());
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(out.resolve("manifests.yaml"), old);

    OutputWriter.Result result = OutputWriter.write(out, files("manifests.yaml", "a"), "", List.of());

    assertTrue(result.upToDate());
    assertEquals(old, Files.getLastModifiedTime(out.resolve("manifests.yaml")));
  }

  @Test
  void failureLeavesTheOldDirectoryUntouched() throws Exception {
    Path out = dir.resolve("sqledge");
    OutputWriter.write(out, files("manifests.yaml", "old"), "", List.of());

    // A file name the file system refuses makes the staging write fail half-way.
    Map<String, String> bad = files("manifests.yaml", "new", "bad\0name.yaml", "x");
    assertThrows(Exception.class, () -> OutputWriter.write(out, bad, "", List.of()));

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
        () -> OutputWriter.write(blocker.resolve("sqledge"), files("manifests.yaml", "a"), "", List.of()));

    assertTrue(e.getMessage().startsWith("sqledge: writing the manifests failed;"), e::getMessage);
  }
}
