package io.sqledge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The lists SQL Server checks when its container starts (editions per engine, locale ids,
 * collations), read from {@code startup-lists.yaml} beside this class, where each list names the
 * page it comes from. One place holds them; {@link Engine} and the start-up rules read them here.
 */
public final class StartupLists {

  private static final String RESOURCE = "startup-lists.yaml";

  private static final StartupLists SHIPPED = load();

  private final Map<Engine, List<String>> editions;
  private final Map<Long, String> lcids;
  private final Map<Integer, List<String>> designators;
  private final Set<String> unicodeOnly;
  /** The SQL collations, by their upper-case form: the default's list, checked on every build. */
  private final Map<String, String> sqlCollations;
  /**
   * Every Windows collation name, by its upper-case form; made only when a name is not a SQL
   * collation (thousands of names, which a build with the default collation never needs).
   */
  private volatile Map<String, String> windowsCollations;

  private StartupLists(Map<Engine, List<String>> editions, Map<Long, String> lcids,
      Map<Integer, List<String>> designators, Set<String> unicodeOnly, List<String> sqlCollations) {
    this.editions = editions;
    this.lcids = lcids;
    this.designators = designators;
    this.unicodeOnly = unicodeOnly;
    Map<String, String> sql = new LinkedHashMap<>();
    sqlCollations.forEach(name -> sql.put(name.toUpperCase(Locale.ROOT), name));
    this.sqlCollations = Collections.unmodifiableMap(sql);
  }

  public static StartupLists shipped() {
    return SHIPPED;
  }

  /** The editions ({@code MSSQL_PID}) an engine takes; empty for a custom image. */
  public List<String> editions(Engine engine) {
    return editions.getOrDefault(engine, List.of());
  }

  /** The locale ids SQL Server has a language for, with the language's name. */
  public Map<Long, String> lcids() {
    return lcids;
  }

  /** The collation's name as SQL Server spells it, if SQL Server has it (in any case). */
  public Optional<String> collation(String name) {
    String key = name.toUpperCase(Locale.ROOT);
    return Optional.ofNullable(sqlCollations.get(key))
        .or(() -> Optional.ofNullable(windowsCollations().get(key)));
  }

  /** Whether a (known) collation is Unicode-only, so that it cannot be the server's collation. */
  public boolean unicodeOnly(String collation) {
    return unicodeOnly.stream().anyMatch(designator -> collation.startsWith(designator + "_"));
  }

  /** Every collation name, in a stable order: the SQL ones, then the Windows ones. */
  public List<String> collationNames() {
    List<String> names = new ArrayList<>(sqlCollations.values());
    names.addAll(windowsCollations().values());
    return names;
  }

  private Map<String, String> windowsCollations() {
    Map<String, String> names = windowsCollations;
    if (names == null) {
      names = new LinkedHashMap<>();
      for (Map.Entry<Integer, List<String>> version : designators.entrySet()) {
        for (String designator : version.getValue()) {
          for (String style : styles(version.getKey())) {
            String name = designator + "_" + style;
            names.put(name.toUpperCase(Locale.ROOT), name);
          }
        }
      }
      windowsCollations = names;
    }
    return names;
  }

  /**
   * The comparison styles of a designator version, as the Windows collation grammar and the
   * collation and Unicode support page give them: BIN and BIN2; case and accent sensitivity with
   * optional kana type and width sensitivity; variation selectors (140 only); supplementary
   * characters (90 and 100; 140 has them always); UTF-8 (90 and 100 with SC, 140, and BIN2 from
   * version 90 on).
   */
  static List<String> styles(int version) {
    List<String> styles = new ArrayList<>(List.of("BIN", "BIN2"));
    if (version >= 90) {
      styles.add("BIN2_UTF8");
    }
    for (String cs : List.of("CI", "CS")) {
      for (String as : List.of("AI", "AS")) {
        for (String ks : List.of("", "_KS")) {
          for (String ws : List.of("", "_WS")) {
            for (String vss : version == 140 ? List.of("", "_VSS") : List.of("")) {
              String base = cs + "_" + as + ks + ws + vss;
              styles.add(base);
              if (version == 90 || version == 100) {
                styles.add(base + "_SC");
                styles.add(base + "_SC_UTF8");
              } else if (version == 140) {
                styles.add(base + "_UTF8");
              }
            }
          }
        }
      }
    }
    return styles;
  }

  @SuppressWarnings("unchecked")
  private static StartupLists load() {
    Map<String, Object> root;
    try (InputStream in = StartupLists.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the plugin");
      }
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<Engine, List<String>> editions = new EnumMap<>(Engine.class);
    ((Map<String, Object>) root.get("editions")).forEach((engine, list) -> {
      if (!engine.equals("source")) {
        editions.put(Engine.valueOf(engine), List.copyOf((List<String>) list));
      }
    });
    Map<Long, String> lcids = new TreeMap<>();
    ((Map<Object, Object>) ((Map<String, Object>) root.get("lcids")).get("values"))
        .forEach((id, language) -> lcids.put(((Number) id).longValue(), String.valueOf(language)));
    Map<String, Object> collations = (Map<String, Object>) root.get("collations");
    Map<Integer, List<String>> designators = new TreeMap<>();
    ((Map<Object, Object>) collations.get("designators")).forEach((version, list) ->
        designators.put(((Number) version).intValue(), List.copyOf((List<String>) list)));
    return new StartupLists(editions, Collections.unmodifiableMap(lcids), designators,
        Set.copyOf((List<String>) collations.get("unicodeOnly")),
        List.copyOf((List<String>) collations.get("sql")));
  }
}
