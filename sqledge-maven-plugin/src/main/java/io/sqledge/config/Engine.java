package io.sqledge.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The database engines the plugin knows, recognised by their image, with the editions ({@code
 * MSSQL_PID}) each accepts. Any other image is a custom engine, whose edition is not checked.
 */
public enum Engine {
  AZURE_SQL_EDGE, SQL_SERVER_2019, SQL_SERVER_2022, SQL_SERVER_2025, CUSTOM;

  /** Microsoft's registry; a host name is compared without regard to case. */
  private static final String REGISTRY = "mcr.microsoft.com";

  /** Azure SQL Edge's repository on Microsoft's registry. */
  private static final String SQL_EDGE_PATH = "azure-sql-edge";

  /**
   * SQL Server's repositories on Microsoft's registry: the Ubuntu-based images and the RHEL-based
   * ones (both documented in "Deploy and connect to SQL Server Linux containers").
   */
  private static final List<String> SQL_SERVER_PATHS = List.of("mssql/server",
      "mssql/rhel/server");

  /** The node label of a node's CPU architecture. */
  public static final String ARCH_LABEL = "kubernetes.io/arch";

  /**
   * Whether the engine's images exist for amd64 only. Microsoft publishes
   * mcr.microsoft.com/mssql/server for amd64 alone (an arm64 image is still asked for in
   * microsoft/mssql-docker#802), and Azure SQL Edge, which once ran on ARM64 too, is documented
   * for x64 only since it dropped ARM64. A custom image may be built for anything.
   */
  public boolean amd64Only() {
    return this != CUSTOM;
  }

  /**
   * The sqlcmd jobs' image beside Azure SQL Edge, which ships no sqlcmd: a SQL Server image with
   * a fixed tag, whose mssql-tools18 sqlcmd talks to Edge as to any SQL Server.
   */
  public static final String CLIENT_IMAGE_FOR_EDGE =
      "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

  /** The image SQL Edge users should move to. */
  public static final String SUCCESSOR_IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";

  private static final Pattern PRODUCT_KEY =
      Pattern.compile("[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}");

  /** The editions ({@code MSSQL_PID}) the engine takes, from {@link StartupLists}. */
  public List<String> editions() {
    return StartupLists.shipped().editions(this);
  }

  /** Recognises the engine from an image reference such as {@code repo:tag} or {@code repo@sha}. */
  public static Engine of(String image) {
    String repository = repositoryOf(image);
    int slash = repository.indexOf('/');
    if (slash < 0 || !repository.substring(0, slash).equalsIgnoreCase(REGISTRY)) {
      return CUSTOM;
    }
    String path = repository.substring(slash + 1);
    if (path.equals(SQL_EDGE_PATH)) {
      return AZURE_SQL_EDGE;
    }
    if (SQL_SERVER_PATHS.contains(path)) {
      String tag = tagOf(image).orElse("");
      if (tag.startsWith("2019")) {
        return SQL_SERVER_2019;
      }
      if (tag.startsWith("2025")) {
        return SQL_SERVER_2025;
      }
      return SQL_SERVER_2022;
    }
    return CUSTOM;
  }

  /** Whether {@code edition} is valid for this engine: a listed edition, or a product key. */
  public boolean accepts(String edition) {
    if (this == CUSTOM || editions().contains(edition)) {
      return true;
    }
    return this != AZURE_SQL_EDGE && PRODUCT_KEY.matcher(edition).matches();
  }

  static String repositoryOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  /** The image's tag, if it has one (a digest-only reference has none). */
  public static Optional<String> tagOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? Optional.of(withoutDigest.substring(colon + 1)) : Optional.empty();
  }
}
