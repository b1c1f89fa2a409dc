package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The generate goal as Maven's container builds it: the descriptor, the component injection and
 * the adapter logic (skip, missing file, failures, attachment, property overrides).
 */
@MojoTest
class GenerateMojoTest {

  @TempDir Path basedir;

  private MavenProject project;
  private final Properties userProperties = new Properties();

  @BeforeEach
  void project() {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("orders-db");
    model.setVersion("1.0.0");
    model.setPackaging("pom");
    project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    project.setArtifact(new DefaultArtifact("com.example", "orders-db", "1.0.0", null, "pom", null,
        new DefaultArtifactHandler("pom")));
  }

  private GenerateMojo configure(GenerateMojo mojo) throws Exception {
    MavenSession session = Mockito.mock(MavenSession.class);
    Mockito.when(session.getUserProperties()).thenReturn(userProperties);
    setVariableValueToObject(mojo, "project", project);
    setVariableValueToObject(mojo, "session", session);
    setVariableValueToObject(mojo, "templates", basedir.resolve("src/main/sqledge/templates").toFile());
    setVariableValueToObject(mojo, "config",
        basedir.resolve("src/main/sqledge/sqledge.yaml").toFile());
    setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target/sqledge").toFile());
    return mojo;
  }

  private Path output() {
    return basedir.resolve("target/sqledge");
  }

  private void writeConfig(String yaml) throws Exception {
    Path file = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  @Test
  @InjectMojo(goal = "generate")
  void zeroConfigWritesAndAttachesTheManifests(GenerateMojo mojo) throws Exception {
    configure(mojo).execute();

    assertTrue(Files.isRegularFile(output().resolve("manifests.yaml")));
    assertTrue(Files.isRegularFile(output().resolve("sqledge/04-deployment.yaml")));
    List<Artifact> attached = project.getAttachedArtifacts();
    assertEquals(1, attached.size());
    assertEquals("sqledge", attached.get(0).getClassifier());
    assertEquals("yaml", attached.get(0).getType());
    assertEquals(output().resolve("manifests.yaml").toFile(), attached.get(0).getFile());
  }

  @Test
  @InjectMojo(goal = "generate")
  void skipWritesNothing(GenerateMojo mojo) throws Exception {
    configure(mojo);
    setVariableValueToObject(mojo, "skip", true);

    mojo.execute();

    assertFalse(Files.exists(output()));
    assertTrue(project.getAttachedArtifacts().isEmpty());
  }

  @Test
  @InjectMojo(goal = "generate")
  void invalidConfigFailsWithTheLocationAndWritesNothing(GenerateMojo mojo) throws Exception {
    writeConfig("name: orders\nstorage:\n  sise: 8Gi\n");

    MojoFailureException e = assertThrows(MojoFailureException.class, () -> configure(mojo).execute());

    String file = "src" + File.separator + "main" + File.separator + "sqledge" + File.separator
        + "sqledge.yaml";
    assertEquals("sqledge: 1 error in " + file + ":\n  " + file
        + ":3:3: unknown key `sise` in `storage`; did you mean `size`?\n"
        + "    fix: rename it to `size`", e.getMessage());
    assertFalse(Files.exists(output()));
  }

  @Test
  @InjectMojo(goal = "generate")
  void explicitConfigThatDoesNotExistIsAnError(GenerateMojo mojo) throws Exception {
    configure(mojo);
    setVariableValueToObject(mojo, "config", basedir.resolve("nope.yaml").toFile());

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().startsWith("sqledge: the configuration file nope.yaml does not exist"),
        e::getMessage);
  }

  @Test
  @InjectMojo(goal = "generate")
  void propertiesOverrideConfigValues(GenerateMojo mojo) throws Exception {
    writeConfig("service:\n  port: 1434\n");
    userProperties.setProperty("sqledge.service.port", "1500");
    project.getProperties().setProperty("sqledge.name", "orders");

    configure(mojo).execute();

    Map<?, ?> service = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(output().resolve("orders/05-service.yaml")));
    Map<?, ?> port = (Map<?, ?>) ((List<?>) ((Map<?, ?>) service.get("spec")).get("ports")).get(0);
    assertEquals(1500, port.get("port"));
  }

  @Test
  @InjectMojo(goal = "generate")
  void theGoalsOwnPropertiesAreParametersAndAMisspeltPathIsWarned(GenerateMojo mojo)
      throws Exception {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    userProperties.setProperty("sqledge.force", "true");
    userProperties.setProperty("sqledge.dryRun", "true"); // a parameter of another goal
    userProperties.setProperty("sqledge.servce.port", "1500");

    configure(mojo).execute();

    assertFalse(log.all().contains("-Dsqledge.force"), log.all());
    assertFalse(log.all().contains("-Dsqledge.dryRun"), log.all());
    assertTrue(log.all().contains("WARN sqledge: -Dsqledge.servce.port:"
        + " -Dsqledge.servce.port is neither a configuration path nor a parameter of this plugin;"
        + " it is ignored"), log.all());
    assertTrue(log.all().contains("did you mean -Dsqledge.service.port?"), log.all());
  }

  @Test
  @InjectMojo(goal = "generate")
  void aFleetsInstanceFilesAreCountedAtInfoAndListedAtDebug(GenerateMojo mojo) throws Exception {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    writeConfig("instances:\n  - name: a\n  - name: b\n  - name: c\n");

    configure(mojo).execute();

    String combined = "target" + File.separator + "sqledge" + File.separator;
    assertTrue(log.all().contains("INFO sqledge: wrote " + combined + "manifests.yaml (19 resources)"),
        log.all());
    assertTrue(log.all().contains("INFO sqledge: wrote 22 files in the directories of 3 instances ("
        + combined.substring(0, combined.length() - 1) + "/<name>/)"), log.all());
    assertTrue(log.all().contains("DEBUG sqledge: wrote " + combined + "b" + File.separator
        + "01-persistentvolumeclaim.yaml (PersistentVolumeClaim/b-data)"), log.all());
    assertFalse(log.all().contains("INFO sqledge: wrote " + combined + "b"), log.all());
    try (var files = Files.walk(output())) {
      assertEquals(24, files.filter(Files::isRegularFile).count(), "as many files as counted");
    }
  }

  @Test
  @InjectMojo(goal = "generate")
  void aDefaultConfigurationLinkedToNothingNeverFallsBackToTheEmbeddedDefault(GenerateMojo mojo)
      throws Exception {
    Path file = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, basedir.resolve("elsewhere/sqledge.yaml"));

    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> configure(mojo).execute());

    assertTrue(e.getMessage().contains("is a symbolic link to nothing"), e::getMessage);
    assertFalse(Files.exists(output()));
  }

  @Test
  @InjectMojo(goal = "generate")
  void aConfigurationLinkedOutOfTheProjectIsNotRead(GenerateMojo mojo) throws Exception {
    Path outside = Files.createTempFile("passwd", ".yaml");
    Files.writeString(outside, "root:x:0:0:root:/root:/bin/bash\n");
    Path file = basedir.resolve("src/main/sqledge/sqledge.yaml");
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, outside);

    MojoFailureException e = assertThrows(MojoFailureException.class,
        () -> configure(mojo).execute());

    assertTrue(e.getMessage().startsWith("sqledge: the configuration src/main/sqledge/sqledge.yaml"
        + " is a symbolic link to a file outside the project"), e::getMessage);
    assertFalse(e.getMessage().contains("root:x"), e::getMessage);
    assertFalse(Files.exists(output()));
    Files.delete(outside);
  }
}
