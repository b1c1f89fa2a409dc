package io.sqledge.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.mockito.Mockito;

/** A project in a test directory, and the goals configured for it as Maven's container would. */
final class MojoProjects {

  private MojoProjects() {}

  /** com.example:orders-db:1.0.0 in {@code basedir}, building into {@code basedir/target}. */
  static MavenProject project(Path basedir) {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("orders-db");
    model.setVersion("1.0.0");
    Build build = new Build();
    build.setDirectory(basedir.resolve("target").toString());
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    return project;
  }

  /**
   * {@code mojo} with the project, a session with {@code settings}, the project's configuration
   * and templates, the cluster's {@code kubeconfig} (none for a goal that talks to no cluster),
   * and {@code log}.
   */
  static <T extends Mojo> T configure(T mojo, MavenProject project, Settings settings,
      Path kubeconfig, Log log) throws Exception {
    Path basedir = project.getBasedir().toPath();
    MavenSession session = Mockito.mock(MavenSession.class);
    Mockito.when(session.getUserProperties()).thenReturn(new Properties());
    Mockito.when(session.getSettings()).thenReturn(settings);
    setVariableValueToObject(mojo, "project", project);
    setVariableValueToObject(mojo, "session", session);
    setVariableValueToObject(mojo, "templates", basedir.resolve("src/main/sqledge/templates").toFile());
    setVariableValueToObject(mojo, "config", basedir.resolve("src/main/sqledge/sqledge.yaml").toFile());
    if (kubeconfig != null) {
      setVariableValueToObject(mojo, "kubeconfig", kubeconfig.toFile());
    }
    mojo.setLog(log);
    return mojo;
  }
}
