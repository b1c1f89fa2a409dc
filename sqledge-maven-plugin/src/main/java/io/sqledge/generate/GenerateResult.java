package io.sqledge.generate;

import io.sqledge.diagnostic.Problem;
import io.sqledge.write.OutputLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * What a generate run produced.
 *
 * @param instances every instance with its checked configuration and verified resources
 * @param files every file of the output directory, relative to it, with what it holds
 * @param directory the output directory
 * @param combinedFile the multi-document file with every resource
 * @param upToDate true when the directory already held exactly these files and nothing was written
 * @param warnings problems that do not stop the build
 */
public record GenerateResult(
    List<Generator.Rendered> instances,
    List<OutputLayout.OutputFile> files,
    Path directory,
    Path combinedFile,
    boolean upToDate,
    List<Problem> warnings) {}
