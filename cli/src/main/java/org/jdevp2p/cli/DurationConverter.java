package org.jdevp2p.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 500ms}, {@code 5s}, {@code 2m}, or ISO-8601 {@code PT5S}.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = SIMPLE.matcher(value.strip());
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        d = Duration.parse(value.strip());
      } catch (RuntimeException e) {
        throw new TypeConversionException("not a duration (e.g. 500ms, 5s, 2m): " + value);
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("duration must be positive: " + value);
    }
    return d;
  }
}
