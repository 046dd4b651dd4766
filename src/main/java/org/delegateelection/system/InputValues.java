package org.delegateelection.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the values a task completion submits, whichever way the client typed them: Tasklist's Camunda Forms send
 * numbers as Long or Double and lists as Json, a REST client may send Integer, String or a JSON text. Every
 * reader names the field in its error.
 */
public final class InputValues {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private InputValues() {
    }

    /** The value as a JSON tree: Spin Json values, JSON text, Java lists and maps are all accepted. */
    public static JsonNode json(String field, Object value) {
        if (value == null) {
            throw InvalidInputException.field(field, "缺少取值");
        }
        try {
            if (value instanceof String text) {
                return JSON.readTree(text);
            }
            if (value instanceof List<?> || value instanceof Map<?, ?>) {
                return JSON.valueToTree(value);
            }
            // Spin's SpinJsonNode prints as its JSON text
            return JSON.readTree(value.toString());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw InvalidInputException.field(field, "不是有效的JSON");
        }
    }

    /** A value written as JSON text, e.g. for a Spin Json variable that a form displays. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON tree read as the given type; a shape that does not fit is an error naming the field. */
    public static <T> T json(String field, Object value, Class<T> type) {
        try {
            return JSON.treeToValue(json(field, value), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw InvalidInputException.field(field, "格式不符合要求");
        }
    }

    /** A list of strings, e.g. candidate ids; duplicates are an error. */
    public static List<String> strings(String field, Object value) {
        JsonNode node = json(field, value);
        if (!node.isArray()) {
            throw InvalidInputException.field(field, "须为数组");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw InvalidInputException.field(field, "数组元素须为非空字符串");
            }
            if (result.contains(element.asText())) {
                throw InvalidInputException.field(field, "重复的编号 " + element.asText());
            }
            result.add(element.asText());
        }
        return result;
    }

    /**
     * The lines of a text area, each split into its fields at commas (also "，" and tabs); blank lines are skipped.
     * Each line must have between {@code minFields} and {@code maxFields} fields; the error names the line (1-based).
     */
    public static List<List<String>> lines(String field, Object value, int minFields, int maxFields) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw InvalidInputException.field(field, "不能为空");
        }
        List<List<String>> result = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = Arrays.stream(lines[i].split("[,，\\t]")).map(String::strip).toList();
            if (fields.size() < minFields || fields.size() > maxFields) {
                throw InvalidInputException.field(field, "第" + (i + 1) + "行应有 " + minFields
                        + (maxFields > minFields ? "至" + maxFields : "") + " 项，以逗号分隔：" + lines[i].strip());
            }
            result.add(fields);
        }
        return result;
    }

    /** A Boolean, also from the text "true"/"false". */
    public static boolean bool(String field, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw InvalidInputException.field(field, value == null ? "缺少取值" : "须为 true 或 false");
    }

    /** A whole number within [min, max]; 12.0 is accepted as 12, 12.5 is not. */
    public static int integer(String field, Object value, int min, int max) {
        BigDecimal number = number(field, value);
        if (number.stripTrailingZeros().scale() > 0) {
            throw InvalidInputException.field(field, "须为整数");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw InvalidInputException.field(field, "须在 " + min + " 至 " + max + " 之间");
        }
        return number.intValueExact();
    }

    /** A number (Integer, Long, Double, BigDecimal or numeric text). */
    public static BigDecimal number(String field, Object value) {
        if (value == null) {
            throw InvalidInputException.field(field, "缺少取值");
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.field(field, "须为数字");
        }
    }

    /** Non-blank text of at most {@code maxLength} characters. */
    public static String text(String field, Object value, int maxLength) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw InvalidInputException.field(field, "不能为空");
        }
        if (text.length() > maxLength) {
            throw InvalidInputException.field(field, "不能超过 " + maxLength + " 字");
        }
        return text.strip();
    }
}
