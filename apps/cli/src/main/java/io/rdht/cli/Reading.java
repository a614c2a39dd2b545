package io.rdht.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One pollution reading, as sensors publish it to {@code pollution_level}:
 * {@code {"lvl_percent":39,"lat":39.093214,"long":125.688883}}.
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("lvl_percent", "lat", "long");

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
     * field, a wrong type or a value out of range.
     *
     * @throws InvalidReading naming the field and what is wrong
     */
    public static Reading parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidReading("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReading(
                    "a reading is a JSON object like {\"lvl_percent\":39,\"lat\":39.09,\"long\":125.68}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidReading("unknown field " + name + " (a reading has lvl_percent, lat and long)");
            }
        }
        JsonNode level = field(root, "lvl_percent");
        if (!level.isIntegralNumber() || !level.canConvertToInt()) {
            throw new InvalidReading("lvl_percent must be an integer from 0 to 100, got " + level);
        }
        return new Reading(level.intValue(), number(root, "lat"), number(root, "long"));
    }

    /** The reading as compact JSON, fields in the usual order. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("lvl_percent", levelPercent);
        o.put("lat", latitude);
        o.put("long", longitude);
        return o.toString();
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

    private static JsonNode field(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new InvalidReading("missing field " + name);
        }
        return n;
    }

    private static double number(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isNumber()) {
            throw new InvalidReading(name + " must be a number, got " + n);
        }
        return n.doubleValue();
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
