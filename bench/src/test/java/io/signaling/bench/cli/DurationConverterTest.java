package io.signaling.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsTheUsualUnits() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).isInstanceOf(TypeConversionException.class);
    }

}
