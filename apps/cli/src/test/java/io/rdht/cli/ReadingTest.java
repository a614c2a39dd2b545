package io.rdht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingTest {

    @Test
    void theSensorsExampleParses() {
        Reading r = Reading.parse("{\"lvl_percent\":39,\"lat\":39.093214,\"long\":125.688883}");
        assertThat(r).isEqualTo(new Reading(39, 39.093214, 125.688883));
        assertThat(Reading.parse(r.toJson())).isEqualTo(r);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"lvl_percent\":39,\"lat\":39.09}                         | missing field long",
                "{\"lvl_percent\":101,\"lat\":1,\"long\":2}                 | lvl_percent must be an integer from 0 to 100",
                "{\"lvl_percent\":39.5,\"lat\":1,\"long\":2}                | lvl_percent must be an integer",
                "{\"lvl_percent\":\"39\",\"lat\":1,\"long\":2}              | lvl_percent must be an integer",
                "{\"lvl_percent\":39,\"lat\":91,\"long\":2}                 | lat must be between -90 and 90",
                "{\"lvl_percent\":39,\"lat\":1,\"long\":-180.5}             | long must be between -180 and 180",
                "{\"lvl_percent\":39,\"lat\":\"north\",\"long\":2}          | lat must be a number",
                "{\"lvl_percent\":39,\"lat\":1,\"long\":2,\"extra\":true}   | unknown field extra",
                "[39,1,2]                                                   | a reading is a JSON object",
                "{\"lvl_percent\":39,                                       | not valid JSON",
                "{\"lvl_percent\":39,\"lat\":1,\"long\":2} {}              | not valid JSON: more after",
                "{\"lvl_percent\":39,\"lat\":null,\"long\":2}               | missing field lat",
                "{\"lvl_percent\":39,\"lat\":{\"deg\":1},\"long\":2}        | lat must be a number, got an object",
                "{\"lvl_percent\":3000000000,\"lat\":1,\"long\":2}         | lvl_percent must be an integer",
                "''                                                          | a reading is a JSON object",
            })
    void invalidReadingsAreRefusedNamingTheField(String json, String message) {
        assertThatThrownBy(() -> Reading.parse(json.strip()))
                .isInstanceOf(Reading.InvalidReading.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void writtenAsCompactJsonInTheUsualOrder() {
        assertThat(new Reading(39, 39.093214, -125.5).toJson())
                .isEqualTo("{\"lvl_percent\":39,\"lat\":39.093214,\"long\":-125.5}");
    }

    @Test
    void driftStaysInRange() {
        SplittableRandom random = new SplittableRandom(1);
        Reading r = new Reading(99, 89.999999, 179.999999);
        for (int i = 0; i < 1000; i++) {
            r = r.drift(random);
        }
        assertThat(r.levelPercent()).isBetween(0, 100);
    }
}
