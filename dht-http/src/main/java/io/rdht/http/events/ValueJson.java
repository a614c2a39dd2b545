package io.rdht.http.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdht.core.Value;
import java.util.Base64;

/**
 * A value as one line of JSON, with the field conventions of OpenDHT's proxy: {@code id} as a
 * decimal string (unsigned 64 bits), {@code seq}, {@code data} in base64, {@code owner} and
 * {@code sig} in base64 when signed. rdht adds {@code content_type}, {@code ttl} (seconds),
 * {@code created} (ISO-8601), {@code verified}, {@code owner_id} (the owner's short id, as the
 * apps print it) and, when the data is JSON text, {@code json}: the data decoded.
 */
final class ValueJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private ValueJson() {}

    /** {@code v} as a JSON object. */
    static ObjectNode of(Value v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", Long.toUnsignedString(v.id()));
        o.put("seq", v.seq());
        o.put("data", BASE64.encodeToString(v.data()));
        o.put("content_type", v.contentType());
        o.put("ttl", v.ttl().toSeconds());
        o.put("created", v.created().toString());
        o.put("verified", v.verified());
        if (v.owner() != null) {
            o.put("owner", BASE64.encodeToString(v.owner()));
            o.put("owner_id", v.ownerKey().shortId());
        }
        if (v.signature() != null) {
            o.put("sig", BASE64.encodeToString(v.signature()));
        }
        JsonNode decoded = decodedJson(v);
        if (decoded != null) {
            o.set("json", decoded);
        }
        return o;
    }

    /** One line of JSON of {@code o}. */
    static String line(ObjectNode o) {
        return o.toString();
    }

    private static JsonNode decodedJson(Value v) {
        String type = v.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(v.data());
        } catch (java.io.IOException e) {
            // data labelled JSON that is not: the base64 data is still there
            return null;
        }
    }
}
