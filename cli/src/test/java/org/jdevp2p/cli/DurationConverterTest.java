package org.jdevp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void shortFormsHaveTheirUnits() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void goStylePartsAddUp() {
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void isoFormIsAccepted() {
    assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void zeroAndGarbageAreRefused() {
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("5s5")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("1".repeat(41) + "s"))
        .isInstanceOf(TypeConversionException.class);
  }
}
