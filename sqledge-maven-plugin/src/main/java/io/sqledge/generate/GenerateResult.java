package io.sqledge.generate;

import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problem;
import io.sqledge.verify.ManifestSet;
import java.nio.file.Path;
import java.util.List;

/**
 * What a generate run produced.
 *
 * @param config the checked configuration
 * @param manifests the verified resources, in apply order
 * @param files every file of the output directory
 * @param combinedFile the multi-document file with every resource
 * @param upToDate true when the directory already held exactly these files and nothing was written
 * @param warnings problems that do not stop the build
 */
public record GenerateResult(
    InstanceConfig config,
    ManifestSet manifests,
    List<Path> files,
    Path combinedFile,
    boolean upToDate,
    List<Problem> warnings) {}
