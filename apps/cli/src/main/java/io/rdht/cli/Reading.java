package io.rdht.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One pollution reading, as sensors publish it to {@code pollution_level}:
 * {@code {"lvl_percent":39,"lat":39.093214,"long":125.688883}}.
 *
 * <p>Implementation note: read and written with Jackson's streaming parser and generator, not its
 * object mapper, whose set-up took most of the time a one-shot {@code sensor} spent on the reading
 * in a fresh JVM.
 *
 * @param levelPercent pollution level, 0 to 100
 * @param latitude     −90 to 90
 * @param longitude    −180 to 180
 */
public record Reading(int levelPercent, double latitude, double longitude) {

    /** The key readings are published to. */
    public static final String KEY = "pollution_level";
    /** The content type of a reading. */
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonFactory JSON = new JsonFactory();
    private static final String EXAMPLE = "{\"lvl_percent\":39,\"lat\":39.09,\"long\":125.68}";

    /** Checks the ranges. */
    public Reading {
        if (levelPercent < 0 || levelPercent > 100) {
            throw new InvalidReading("lvl_percent must be an integer from 0 to 100, got " + levelPercent);
        }
        check("lat", latitude, 90);
        check("long", longitude, 180);
    }

    /**
     * Parses a reading, refusing anything else: not JSON, not an object, a missing or unknown
     * field, a wrong type, a value out of range or anything after the object.
     *
     * @throws InvalidReading naming the field and what is wrong
     */
    public static Reading parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidReading("a reading is a JSON object like " + EXAMPLE);
            }
            Integer level = null;
            Double latitude = null;
            Double longitude = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "lvl_percent" -> level = integer(p, name);
                    case "lat" -> latitude = number(p, name);
                    case "long" -> longitude = number(p, name);
                    default ->
                        throw new InvalidReading(
                                "unknown field " + name + " (a reading has lvl_percent, lat and long)");
                }
            }
            if (p.nextToken() != null) {
                throw new InvalidReading("not valid JSON: more after the reading's closing brace");
            }
            return new Reading(present("lvl_percent", level), present("lat", latitude), present("long", longitude));
        } catch (JsonProcessingException e) {
            throw new InvalidReading("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string", e);
        }
    }

    /** The reading as compact JSON, fields in the usual order. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("lvl_percent", levelPercent);
            g.writeNumberField("lat", latitude);
            g.writeNumberField("long", longitude);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return out.toString();
    }

    /** A slightly different reading, as a real sensor's next one: level ±3, position within ~1 m. */
    public Reading drift(RandomGenerator random) {
        int level = Math.max(0, Math.min(100, levelPercent + random.nextInt(-3, 4)));
        return new Reading(
                level,
                clamp(latitude + random.nextDouble(-1e-5, 1e-5), 90),
                clamp(longitude + random.nextDouble(-1e-5, 1e-5), 180));
    }

    /** Position as text with six decimals. */
    public String position() {
        return String.format(Locale.ROOT, "%.6f,%.6f", latitude, longitude);
    }

    /** The value {@code p} is on, an int, or null for JSON null (a missing field). */
    private static Integer integer(JsonParser p, String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new InvalidReading(name + " must be an integer from 0 to 100, got " + describe(p));
        }
        return p.getIntValue();
    }

    /** The value {@code p} is on, a number, or null for JSON null (a missing field). */
    private static Double number(JsonParser p, String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!p.currentToken().isNumeric()) {
            throw new InvalidReading(name + " must be a number, got " + describe(p));
        }
        return p.getDoubleValue();
    }

    /** The value {@code p} is on, in words for a message. */
    private static String describe(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            default -> p.getText();
        };
    }

    private static <T> T present(String name, T value) {
        if (value == null) {
            throw new InvalidReading("missing field " + name);
        }
        return value;
    }

    private static void check(String name, double v, double bound) {
        if (!(v >= -bound && v <= bound)) {
            throw new InvalidReading(name + " must be between " + (int) -bound + " and " + (int) bound + ", got " + v);
        }
    }

    private static double clamp(double v, double bound) {
        return Math.max(-bound, Math.min(bound, v));
    }

    /** A reading that is not one; the message names the field. */
    public static final class InvalidReading extends IllegalArgumentException {
        /** An invalid reading, with what is wrong. */
        public InvalidReading(String message) {
            super(message);
        }
    }
}
