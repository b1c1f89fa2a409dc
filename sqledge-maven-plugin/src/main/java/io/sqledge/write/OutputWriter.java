package io.sqledge.write;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.SqledgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Replaces the output directory with new contents all at once, or not at all.
 *
 * <p>The files are written into a staging directory beside the output directory and swapped in
 * with two renames, so a reader (or a later apply) never sees a mix of old and new files, and a
 * failure leaves the old directory as it was. A lock file beside the directory serialises builds
 * that generate into the same place. When the directory already holds exactly the new contents,
 * nothing is touched.
 *
 * <p>Beside the directory, a record ({@code .<name>.inputs}) keeps the key of the inputs the files
 * were made from, each file's SHA-256 and the caller's notes (one line each), so that a later run
 * with the same inputs can tell, without rendering, that the directory still holds their output,
 * and get the notes back ({@link #recordedNotes}).
 */
public final class OutputWriter {

  private OutputWriter() {}

  /** What {@link #write} did. */
  public record Result(Path directory, boolean upToDate) {}

  /**
   * One lock per output directory within this JVM (a multi-module build with {@code -T} runs
   * goals in threads); the file lock below serialises separate Maven processes. Java refuses a
   * second file lock on the same file from one JVM, hence both.
   */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  /**
   * Writes {@code files} (unless the directory holds them already) and records that they are the
   * output of the inputs with key {@code inputsKey} (none when empty), with {@code notes}.
   */
  public static Result write(Path directory, Map<String, String> files, String inputsKey,
      List<String> notes) throws SqledgeException {
    Path target = directory.toAbsolutePath().normalize();
    try {
      return underLocks(target, () -> writeLocked(target, files, inputsKey, notes));
    } catch (IOException | UncheckedIOException e) {
      throw new SqledgeException("sqledge: writing the manifests failed; " + target
          + " is unchanged", List.of(Problem.error(Origin.file(target.toString()), "",
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          "check that the directory is writable and the disk has space")), e);
    }
  }

  /** Work on the output directory that must not overlap another run's. */
  private interface Locked<T> {
    T run() throws IOException;
  }

  private static <T> T underLocks(Path target, Locked<T> action) throws IOException {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(target, path -> new ReentrantLock());
    inProcess.lock();
    try {
      Path parent = target.getParent();
      Files.createDirectories(parent);
      try (FileChannel lockChannel = FileChannel.open(parent.resolve("." + target.getFileName()
              + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        return action.run();
      }
    } finally {
      inProcess.unlock();
    }
  }

  /**
   * The notes recorded with the files last written for the inputs with key {@code inputsKey},
   * when {@code directory} still holds those files unchanged: the record beside it names that
   * key, and every file listed there is present, with the same SHA-256, and no other. Empty
   * otherwise.
   */
  public static Optional<List<String>> recordedNotes(Path directory, String inputsKey) {
    Path target = directory.toAbsolutePath().normalize();
    if (!Files.isRegularFile(inputsRecord(target))) {
      return Optional.empty();
    }
    try {
      // Under the locks: another run may be swapping the directory right now.
      return underLocks(target, () -> notesIfUnchanged(target, inputsKey));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static Optional<List<String>> notesIfUnchanged(Path target, String inputsKey)
      throws IOException {
    List<String> record = Files.readAllLines(inputsRecord(target), StandardCharsets.UTF_8);
    if (record.isEmpty() || !record.get(0).equals("inputs " + inputsKey)
        || !Files.isDirectory(target)) {
      return Optional.empty();
    }
    Map<String, String> recorded = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    for (String line : record.subList(1, record.size())) {
      if (line.startsWith(NOTE)) {
        notes.add(line.substring(NOTE.length()));
        continue;
      }
      int space = line.indexOf(' ');
      recorded.put(line.substring(space + 1), line.substring(0, space));
    }
    Map<String, Path> present = filesIn(target);
    if (!present.keySet().equals(recorded.keySet())) {
      return Optional.empty();
    }
    for (Map.Entry<String, Path> file : present.entrySet()) {
      if (!sha256(Files.readAllBytes(file.getValue())).equals(recorded.get(file.getKey()))) {
        return Optional.empty();
      }
    }
    return Optional.of(notes);
  }

  /** A note's line in the record; a file's line starts with its hash, never with this. */
  private static final String NOTE = "note ";

  private static Path inputsRecord(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".inputs");
  }

  private static void recordInputs(Path target, Map<String, String> files, String inputsKey,
      List<String> notes) throws IOException {
    Path record = inputsRecord(target);
    if (inputsKey.isEmpty()) {
      Files.deleteIfExists(record);
      return;
    }
    StringBuilder text = new StringBuilder("inputs ").append(inputsKey).append('\n');
    new TreeMap<>(files).forEach((path, content) -> text.append(
        sha256(content.getBytes(StandardCharsets.UTF_8))).append(' ').append(path).append('\n'));
    for (String note : notes) {
      if (note.contains("\n") || note.contains("\r")) {
        throw new IllegalArgumentException("a note is one line");
      }
      text.append(NOTE).append(note).append('\n');
    }
    Path staging = record.resolveSibling(record.getFileName() + "." + UUID.randomUUID());
    Files.writeString(staging, text, StandardCharsets.UTF_8);
    move(staging, record);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static Result writeLocked(Path target, Map<String, String> files, String inputsKey,
      List<String> notes) throws IOException {
    if (holdsExactly(target, files)) {
      recordInputs(target, files, inputsKey, notes);
      return new Result(target, true);
    }
    // A crash between the swap and the new record must not leave the old record claiming the
    // new files (their hashes would not match anyway; this keeps the record honest).
    Files.deleteIfExists(inputsRecord(target));
    Path parent = target.getParent();
    Path staging = parent.resolve("." + target.getFileName() + ".staging-" + UUID.randomUUID());
    try {
      // Each directory is made once: a fleet writes five files into each, and on this kind of
      // disk a mkdir that finds the directory costs about as much as making it.
      Set<Path> made = new HashSet<>();
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = staging.resolve(file.getKey());
        if (made.add(path.getParent())) {
          Files.createDirectories(path.getParent());
        }
        Files.write(path, file.getValue().getBytes(StandardCharsets.UTF_8));
      }
      swap(staging, target);
    } finally {
      deleteRecursively(staging);
    }
    recordInputs(target, files, inputsKey, notes);
    return new Result(target, false);
  }

  private static void swap(Path staging, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(staging, target);
      return;
    }
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
    move(target, old);
    try {
      move(staging, target);
    } catch (IOException e) {
      move(old, target);
      throw e;
    }
    deleteRecursively(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Whether {@code directory} holds these files with these contents, and no others. */
  static boolean holdsExactly(Path directory, Map<String, String> files) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    Map<String, Path> present = filesIn(directory);
    if (!present.keySet().equals(new TreeMap<>(files).keySet())) {
      return false;
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      byte[] expected = file.getValue().getBytes(StandardCharsets.UTF_8);
      if (!Arrays.equals(Files.readAllBytes(present.get(file.getKey())), expected)) {
        return false;
      }
    }
    return true;
  }

  /** The regular files under {@code directory}, by their path relative to it ({@code /}-separated). */
  private static Map<String, Path> filesIn(Path directory) throws IOException {
    Map<String, Path> present = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        // Apply's connection file is not generate's output (ConnectionFile).
        if (Files.isRegularFile(path) && !path.getFileName().toString().equals(ConnectionFile.NAME)) {
          present.put(directory.relativize(path).toString().replace('\\', '/'), path);
        }
      }
    }
    return present;
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    }
    paths.sort(Comparator.reverseOrder());
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
