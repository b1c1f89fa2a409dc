package io.sqledge.apply;

/** Where apply reports its progress; the Maven adapter sends it to the build log. */
public interface ApplyLog {

  void info(String message);

  void warn(String message);
}
