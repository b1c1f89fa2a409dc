package io.sqledge.check;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CronJob's {@code schedule} and {@code timeZone}, judged as the API server judges them: its
 * validation parses the schedule with github.com/robfig/cron/v3's {@code ParseStandard} (five
 * fields or an {@code @} descriptor), refuses {@code TZ} in a schedule beside a
 * {@code timeZone}, and loads the zone from the IANA database. No Java cron library parses
 * exactly that dialect (names and {@code ?} in any field, {@code N/step} meaning
 * {@code N-max/step}, {@code @every <duration>}), so this follows robfig's parser rule by rule,
 * and CronScheduleDifferentialTest holds it to a real API server.
 */
final class CronSchedule {

  private record Field(String name, int min, int max, Map<String, Integer> names) {}

  private static final List<Field> FIELDS = List.of(
      new Field("minute", 0, 59, Map.of()),
      new Field("hour", 0, 23, Map.of()),
      new Field("day of month", 1, 31, Map.of()),
      new Field("month", 1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
          Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6),
          Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
          Map.entry("nov", 11), Map.entry("dec", 12))),
      new Field("day of week", 0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
          "fri", 5, "sat", 6)));

  private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly",
      "@weekly", "@daily", "@midnight", "@hourly");

  /** Go's time.ParseDuration: a sequence of decimal numbers, each with a unit. */
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+|[-+]?0");

  /** What Kubernetes' validation allows in each part of a zone name. */
  private static final Pattern ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

  private CronSchedule() {}

  /** Why the API server would refuse {@code schedule}, or empty when it accepts it. */
  static Optional<String> problem(String schedule) {
    if (schedule.contains("TZ")) {
      return Optional.of("cannot name a time zone (TZ= or CRON_TZ=); `backup.timeZone` does");
    }
    if (schedule.startsWith("@")) {
      if (DESCRIPTORS.contains(schedule)) {
        return Optional.empty();
      }
      if (schedule.startsWith("@every ")) {
        return GO_DURATION.matcher(schedule.substring("@every ".length())).matches()
            ? Optional.empty() : Optional.of("has an `@every` duration Go cannot read");
      }
      return Optional.of("is not a descriptor Kubernetes knows (@yearly, @monthly, @weekly,"
          + " @daily, @hourly, `@every <duration>`)");
    }
    String[] fields = schedule.strip().split("\\s+");
    if (schedule.isBlank() || fields.length != FIELDS.size()) {
      return Optional.of("has " + (schedule.isBlank() ? 0 : fields.length)
          + " fields; a schedule has exactly 5 (minute hour day-of-month month day-of-week)");
    }
    for (int i = 0; i < fields.length; i++) {
      for (String range : fields[i].split(",", -1)) {
        if (range.isEmpty()) {
          continue; // robfig splits with strings.FieldsFunc, which drops empty parts
        }
        Optional<String> problem = rangeProblem(range, FIELDS.get(i));
        if (problem.isPresent()) {
          return Optional.of("has a " + FIELDS.get(i).name() + " field `" + fields[i] + "` that "
              + problem.get());
        }
      }
    }
    return Optional.empty();
  }

  /** Why the API server would refuse {@code timeZone}, or empty when it accepts it. */
  static Optional<String> zoneProblem(String timeZone) {
    for (String part : timeZone.split("/", -1)) {
      if (part.equals(".") || part.equals("..") || part.startsWith("-")
          || !ZONE_PART.matcher(part).matches()) {
        return Optional.of("is not a time zone name");
      }
    }
    if (timeZone.equalsIgnoreCase("Local")) {
      return Optional.of("must name an explicit zone of the IANA time zone database");
    }
    return ZoneId.getAvailableZoneIds().contains(timeZone) ? Optional.empty()
        : Optional.of("is not in the IANA time zone database");
  }

  private static Optional<String> rangeProblem(String range, Field field) {
    String[] rangeAndStep = range.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    int start;
    int end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = field.min();
      end = field.max();
    } else {
      if (lowAndHigh.length > 2) {
        return Optional.of("has too many hyphens");
      }
      Integer low = number(lowAndHigh[0], field.names());
      Integer high = lowAndHigh.length == 2 ? number(lowAndHigh[1], field.names()) : low;
      if (low == null || high == null) {
        return Optional.of("is not a number" + (field.names().isEmpty() ? "" : " or a name"));
      }
      start = low;
      end = high;
    }
    if (rangeAndStep.length > 2) {
      return Optional.of("has too many slashes");
    }
    if (rangeAndStep.length == 2) {
      Integer step = number(rangeAndStep[1], Map.of());
      if (step == null) {
        return Optional.of("has a step that is not a number");
      }
      if (lowAndHigh.length == 1) {
        end = field.max();
      }
      if (step == 0) {
        return Optional.of("has a step of 0");
      }
    }
    if (start < field.min()) {
      return Optional.of("starts below " + field.min());
    }
    if (end > field.max()) {
      return Optional.of("ends above " + field.max());
    }
    if (start > end) {
      return Optional.of("starts after it ends");
    }
    return Optional.empty();
  }

  /** A name of the field, or a whole number as Go's strconv.Atoi reads it; null otherwise. */
  private static Integer number(String text, Map<String, Integer> names) {
    Integer named = names.get(text.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    if (!text.matches("[+-]?[0-9]+")) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
      return value < 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
