package org.jdevp2p.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as geth's tools write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m},
 * plus {@code d} for days ({@code 7d}, which Go lacks but a -min-age needs), or ISO-8601 ({@code
 * PT5S}). Every duration a command takes is a timeout or an age, so it must be positive.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /** Longer text is no duration anyone means: a bound before the parse. */
  static final int MAX_LENGTH = 40;

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  static Duration parse(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH) throw bad(text);
    Duration total = text.startsWith("P") ? iso(text) : goStyle(text);
    if (total.isNegative() || total.isZero()) {
      throw new TypeConversionException("duration must be positive: " + text);
    }
    return total;
  }

  private static Duration iso(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(text);
    }
  }

  private static Duration goStyle(String text) {
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) throw bad(text);
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end != text.length()) throw bad(text);
    return total;
  }

  private static TypeConversionException bad(String text) {
    return new TypeConversionException(
        "not a duration (like 500ms, 30s, 10m, 1h30m, 7d or PT5S): " + text);
  }
}
