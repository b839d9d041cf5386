package io.vireo.training.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Settings as layers of YAML: a defaults resource that lists every key with its value, then what a
 * user gives. A key the defaults do not have is an error naming its dotted path and where it came
 * from, so a typo never passes silently. Shared by the training config and the study config.
 *
 * @param error     builds the caller's exception from a message (they differ per config)
 * @param freeMaps  dotted keys whose mappings take any entries (added to the defaults' ones)
 */
public record LayeredYaml(Function<String, RuntimeException> error, Set<String> freeMaps) {

    public static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The defaults tree from {@code owner}'s resource {@code name}. */
    public ObjectNode defaults(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(owner.getSimpleName() + "'s " + name + " is missing from the jar", e);
        }
    }

    /** Merges the YAML text {@code yaml} (from {@code origin}) into {@code tree}. */
    public void layer(ObjectNode tree, String yaml, String origin) {
        JsonNode user;
        try {
            user = yaml.isBlank() ? null : MAPPER.readTree(yaml);
        } catch (IOException e) {
            throw error.apply(origin + ": not valid YAML: " + e.getMessage());
        }
        if (user == null || user.isNull()) {
            return;
        }
        if (!user.isObject()) {
            throw error.apply(origin + ": top level must be a mapping");
        }
        merge(tree, (ObjectNode) user, "", origin);
    }

    /** The tree as a {@code type}; a value of the wrong type is an error naming its key. */
    public <T> T bind(ObjectNode tree, Class<T> type, String origin) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw error.apply("key '" + path(e) + "' (" + origin + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error.apply(origin + ": " + e.getMessage());
        }
    }

    private void merge(ObjectNode base, ObjectNode user, String prefix, String origin) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = base.get(e.getKey());
            JsonNode value = e.getValue();
            if (current == null) {
                throw error.apply("unknown key '" + key + "' in " + origin);
            }
            if (current.isObject()) {
                if (!value.isObject()) {
                    throw error.apply("key '" + key + "' in " + origin + " must be a mapping");
                }
                if (freeMaps.contains(key)) {
                    ((ObjectNode) current).setAll((ObjectNode) value);
                } else {
                    merge((ObjectNode) current, (ObjectNode) value, key + ".", origin);
                }
            } else if (current.isArray()) {
                if (!value.isArray()) {
                    throw error.apply("key '" + key + "' in " + origin + " must be a list");
                }
                base.set(e.getKey(), value);
            } else {
                if (value.isContainerNode()) {
                    throw error.apply("key '" + key + "' in " + origin + " must be a single value");
                }
                base.set(e.getKey(), value);
            }
        }
    }

    /** The dotted key (with list indices) a mapping error is about. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
