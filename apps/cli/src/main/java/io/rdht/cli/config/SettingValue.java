package io.rdht.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdht.cli.DurationConverter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns a setting as written in the file (a TOML value) or in the environment (text) into the
 * value of the option it sets, by the option's type: booleans, integers, durations ({@code
 * "24h"}), paths, text, and lists ({@code ["a:1", "b:2"]} or {@code "a:1,b:2"}).
 */
final class SettingValue {

    private SettingValue() {}

    /**
     * The option's value for a TOML value.
     *
     * @throws IllegalArgumentException saying what type was expected and what was found
     */
    static Object fromToml(OptionSpec option, JsonNode node) {
        Class<?> type = option.type();
        if (option.isMultiValue()) {
            List<String> items = new ArrayList<>();
            if (node.isTextual()) {
                return fromText(option, node.textValue());
            }
            if (!node.isArray()) {
                throw expected("an array of strings", node);
            }
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw expected("an array of strings", node);
                }
                items.add(item.textValue());
            }
            return items;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!node.isBoolean()) {
                throw expected("true or false", node);
            }
            return node.booleanValue();
        }
        if (isInteger(type)) {
            if (!node.isIntegralNumber()) {
                throw expected("an integer", node);
            }
            return integer(type, node.asText());
        }
        if (!node.isTextual()) {
            throw expected("a string", node);
        }
        return fromText(option, node.textValue());
    }

    /**
     * The option's value for text (an environment variable, or a TOML string).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Object fromText(OptionSpec option, String text) {
        Class<?> type = option.type();
        if (option.isMultiValue()) {
            return Arrays.stream(text.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        if (type == boolean.class || type == Boolean.class) {
            return switch (text.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            };
        }
        if (isInteger(type)) {
            return integer(type, text.strip());
        }
        if (type == Duration.class) {
            return convert(new DurationConverter(), text);
        }
        if (type == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path: " + e.getMessage());
            }
        }
        if (type == String.class) {
            return text;
        }
        ITypeConverter<?>[] converters = option.converters();
        if (converters.length == 1) {
            return convert(converters[0], text);
        }
        throw new IllegalStateException("no conversion for option " + option.longestName() + " of " + type);
    }

    private static boolean isInteger(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static Object integer(Class<?> type, String text) {
        try {
            long v = Long.parseLong(text);
            if (type == long.class || type == Long.class) {
                return v;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "must be in " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ", got " + v);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + text + "'");
        }
    }

    private static Object convert(ITypeConverter<?> converter, String text) {
        try {
            return converter.convert(text);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (Exception e) {
            // every converter of ours refuses bad text with TypeConversionException; anything else is a bug
            throw new IllegalStateException(
                    "converter " + converter.getClass().getName() + " failed on '" + text + "'", e);
        }
    }

    private static IllegalArgumentException expected(String what, JsonNode found) {
        String kind = found.isTextual()
                ? "a string"
                : found.isBoolean()
                        ? "a boolean"
                        : found.isIntegralNumber()
                                ? "an integer"
                                : found.isNumber()
                                        ? "a number"
                                        : found.isArray()
                                                ? "an array"
                                                : found.isObject()
                                                        ? "a table"
                                                        : "a "
                                                                + found.getNodeType()
                                                                        .name()
                                                                        .toLowerCase(Locale.ROOT);
        return new IllegalArgumentException("expected " + what + ", got " + kind + " (" + found + ")");
    }
}
