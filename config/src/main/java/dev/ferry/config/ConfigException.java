package dev.ferry.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used, with every problem found (not just the first), sorted by
 * position. The message lists them one per line as {@code FILE:LINE:COL: KEY: MESSAGE}.
 */
public final class ConfigException extends Exception {
  private static final Comparator<ConfigProblem> BY_POSITION =
      Comparator.comparing((ConfigProblem p) -> String.valueOf(p.file()))
          .thenComparingInt(ConfigProblem::line)
          .thenComparingInt(ConfigProblem::column);

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
    this.problems = problems.stream().sorted(BY_POSITION).toList();
  }

  public ConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    return problems.stream()
        .sorted(BY_POSITION)
        .map(ConfigProblem::toString)
        .collect(Collectors.joining("\n"));
  }
}
