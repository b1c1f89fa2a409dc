package io.sqledge.generate;

import io.sqledge.diagnostic.Problem;
import io.sqledge.write.OutputLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * What a generate run produced.
 *
 * @param instances the names of the instances, in configuration order (their resources were
 *     written and let go: {@link Generator#renderAll} keeps them)
 * @param files every file of the output directory, relative to it, with what it holds
 * @param directory the output directory
 * @param combinedFiles the multi-document files with every resource: one, or one per site of a
 *     fleet over several
 * @param upToDate true when the directory already held exactly these files and nothing was written
 * @param skipped true when nothing was even rendered: the inputs had not changed since the run
 *     that wrote the directory, and it still holds that run's files (instances and files are then
 *     empty)
 * @param warnings problems that do not stop the build; when skipped, those of the run that wrote
 *     the directory
 */
public record GenerateResult(
    List<String> instances,
    List<OutputLayout.OutputFile> files,
    Path directory,
    List<Path> combinedFiles,
    boolean upToDate,
    boolean skipped,
    List<Problem> warnings) {

  static GenerateResult skipped(Path directory, List<Path> combinedFiles,
      List<Problem> warnings) {
    return new GenerateResult(List.of(), List.of(), directory, combinedFiles, true, true,
        warnings);
  }
}
