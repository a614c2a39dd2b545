package io.rdht.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import java.util.HexFormat;

/**
 * A value as one line of JSON, for {@code rdht get --json}: {@code key}, {@code id} (16 hex
 * digits), {@code seq}, {@code contentType}, {@code text} (when the data is UTF-8 text),
 * {@code dataBase64} (always), {@code ttlSeconds}, {@code created} (ISO-8601), {@code signed}
 * and, for a signed value, {@code owner} (hex public key).
 */
final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {}

    static String line(InfoHash key, Value v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("key", key.toHex());
        o.put("id", Format.valueId(v.id()));
        o.put("seq", v.seq());
        o.put("contentType", v.contentType());
        String text = Format.decodeUtf8(v.data());
        if (text != null) {
            o.put("text", text);
        }
        o.put("dataBase64", v.data());
        o.put("ttlSeconds", v.ttl().toSeconds());
        o.put("created", v.created().toString());
        o.put("signed", v.isSigned());
        if (v.isSigned()) {
            o.put("owner", HexFormat.of().formatHex(v.owner()));
        }
        return o.toString();
    }
}
