package io.rdht.http.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A value in the JSON of OpenDHT's proxy, both ways: {@code id} as a decimal string (an unsigned
 * 64-bit number), {@code data} in base64, {@code type}, and for a signed value {@code owner} (a PEM
 * public key, {@link OwnerPem}), {@code seq} and {@code sig} (base64). An encrypted value that this
 * node could not decrypt is {@code id} and {@code cypher} alone, as OpenDHT writes it.
 *
 * <p>Implementation note: rdht's values carry a content type where OpenDHT's carry a numeric type
 * and a free "user type" string; the content type travels as {@code utype} (left out for {@code
 * application/octet-stream}, rdht's default, as OpenDHT leaves out an empty one), and {@code type}
 * is always 0 (rdht has no value types; a {@code type} sent in is read and dropped). rdht's unsigned
 * values have edits too, so {@code seq} is also written for an unsigned value whose seq is not 0.
 */
final class ValueJson {

    /** Deepest nesting of a value's JSON accepted. */
    static final int MAX_DEPTH = 8;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build());
    }

    private ValueJson() {}

    /** One line: the value's JSON and a newline. */
    static String line(Value v) {
        return write(node(v));
    }

    /** One line of a listen stream: the value, with {@code "expired":true} when its time ran out. */
    static String line(ValueEvent event) {
        ObjectNode o = node(event.value());
        if (event instanceof ValueEvent.Expired) {
            o.put("expired", true);
        }
        return write(o);
    }

    /** The value as a JSON object, its fields in alphabetical order as OpenDHT's writer puts them. */
    static ObjectNode node(Value v) {
        ObjectNode o = MAPPER.createObjectNode();
        Base64.Encoder b64 = Base64.getEncoder();
        if (v.recipient() != null && !v.decrypted()) {
            o.put("cypher", b64.encodeToString(v.data()));
            o.put("id", Long.toUnsignedString(v.id()));
            return o;
        }
        o.put("data", b64.encodeToString(v.data()));
        o.put("id", Long.toUnsignedString(v.id()));
        if (v.owner() != null) {
            o.put("owner", OwnerPem.of(v.owner()));
        }
        if (v.owner() != null || v.seq() != 0) {
            o.put("seq", v.seq());
        }
        if (v.signature() != null) {
            o.put("sig", b64.encodeToString(v.signature()));
        }
        if (v.recipient() != null) {
            o.put("to", HexFormat.of().formatHex(v.recipient()));
        }
        o.put("type", 0);
        if (!Value.OCTET_STREAM.equals(v.contentType())) {
            o.put("utype", v.contentType());
        }
        return o;
    }

    /**
     * A value to put, from a request body: {@code data}, {@code id}, {@code seq} and {@code utype}
     * are read, {@code type} is checked and dropped, other fields are ignored as OpenDHT ignores
     * them. A signed ({@code owner}, {@code sig}) or encrypted ({@code cypher}) value is refused.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static Value parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException(
                    "a value is a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        if (root.has("cypher")) {
            throw new IllegalArgumentException("cypher: encrypted values cannot be put through rdht's gateway");
        }
        if (root.has("owner") || root.has("sig")) {
            throw new IllegalArgumentException("owner, sig: rdht's signatures also cover a value's TTL and creation"
                    + " time, which this JSON does not carry, so a signed value cannot be put as it is;"
                    + " POST /key/KEY/sign to have the node sign it");
        }
        Value.Builder b = Value.builder();
        JsonNode data = root.get("data");
        if (data != null && !data.isNull()) {
            b.data(base64(data, "data"));
        }
        b.id(id(root.get("id")));
        JsonNode seq = root.get("seq");
        if (seq != null && !seq.isNull()) {
            if (!seq.canConvertToLong() || !seq.isIntegralNumber() || seq.longValue() < 0) {
                throw new IllegalArgumentException("seq must be a whole number ≥ 0, got " + seq);
            }
            b.seq(seq.longValue());
        }
        JsonNode type = root.get("type");
        if (type != null && !type.isNull() && !type.isIntegralNumber()) {
            throw new IllegalArgumentException("type must be a whole number, got " + type);
        }
        JsonNode utype = root.get("utype");
        if (utype != null && !utype.isNull()) {
            if (!utype.isTextual()) {
                throw new IllegalArgumentException("utype must be a string (a content type), got " + utype);
            }
            b.contentType(utype.textValue());
        }
        return b.build();
    }

    /** A value id from a path or a field: a decimal unsigned 64-bit number; 0 asks the node for one. */
    static long parseId(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a value id is a decimal number below 2^64, got '" + text + "'");
        }
    }

    private static long id(JsonNode id) {
        if (id == null || id.isNull()) {
            return Value.UNASSIGNED_ID;
        }
        if (id.isTextual()) {
            return parseId(id.textValue());
        }
        if (id.isIntegralNumber() && id.canConvertToLong() && id.longValue() >= 0) {
            return id.longValue();
        }
        if (id.isBigInteger()) {
            return parseId(id.bigIntegerValue().toString());
        }
        throw new IllegalArgumentException("id must be a decimal string or a whole number ≥ 0, got " + id);
    }

    private static byte[] base64(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a base64 string, got "
                    + node.getNodeType().name().toLowerCase());
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64: " + e.getMessage());
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }
}
