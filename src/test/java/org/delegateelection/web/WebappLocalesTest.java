package org.delegateelection.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Chinese labels of each webapp against the English ones of the Camunda 7.24 webjar on the class path: every
 * English key has a Chinese entry, none is left over, placeholders are kept, and no entry is still the English text
 * (product names and codes such as Camunda, BPMN, DMN, ID may stay), and config.js offers zh first with en.
 */
class WebappLocalesTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Latin words that are names or codes, not English to translate. */
    private static final Set<String> KEEP = Set.of("Camunda", "Cockpit", "Tasklist", "Admin", "BPMN", "DMN", "CMMN",
            "DRD", "ID", "IDs", "JSON", "XML", "CSV", "API", "CTRL", "F5", "TU", "FNI", "EDE", "yyyy", "MM", "ddTHH",
            "mm", "ss", "YYYY", "DDTHH", "LT", "L", "HH");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}|%[sd]");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyEnglishLabelHasItsChineseTranslation(String app) throws IOException {
        Map<String, String> english = entries(APP + app + "/locales/en.json");
        Map<String, String> chinese = entries(APP + app + "/locales/zh.json");

        assertThat(chinese.keySet()).as(app + ": keys of zh.json").containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, text) -> {
            if (key.startsWith("dateLocales.")) {
                return;
            }
            String zh = chinese.get(key);
            assertThat(placeholders(zh)).as(app + " " + key + ": placeholders").isEqualTo(placeholders(text));
            if (!text.isBlank() && zh.equals(text)) {
                assertThat(englishWords(zh)).as(app + " " + key + " is still English: " + zh).isEmpty();
            }
            assertThat(englishWords(zh)).as(app + " " + key + " reads as English: " + zh).hasSizeLessThan(3);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void configOffersChineseFirstAndEnglish(String app) throws IOException {
        String config = resource(APP + app + "/scripts/config.js");

        assertThat(config).contains("availableLocales: ['zh', 'en']", "fallbackLocale: 'zh'");
    }

    @Test
    void tasklistKeepsTheStockShortcuts() throws IOException {
        assertThat(resource(APP + "tasklist/scripts/config.js"))
                .contains("claimTask", "ctrl+alt+c", "focusFilter", "focusList", "focusForm", "startProcess");
    }

    /** The placeholders of a label, in order, e.g. [{{message}}]. */
    private static List<String> placeholders(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1) == null ? matcher.group() : matcher.group(1));
        }
        found.sort(String::compareTo);
        return found;
    }

    /** Latin words of a label outside placeholders, HTML tags and the names that stay. */
    private static List<String> englishWords(String text) {
        String plain = PLACEHOLDER.matcher(text).replaceAll(" ").replaceAll("<[^>]*>", " ")
                .replaceAll("https?://\\S+", " ");
        Matcher matcher = LATIN_WORD.matcher(plain);
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            if (!KEEP.contains(matcher.group())) {
                words.add(matcher.group());
            }
        }
        return words;
    }

    /** The labels of a locale file with their dotted keys; arrays and numbers as their JSON text. */
    private static Map<String, String> entries(String path) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        collect("", JSON.readTree(resource(path)), entries);
        return entries;
    }

    private static void collect(String prefix, JsonNode node, Map<String, String> entries) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(prefix + field.getKey() + ".", field.getValue(), entries));
        } else {
            entries.put(prefix.substring(0, prefix.length() - 1), node.isTextual() ? node.asText() : node.toString());
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }
}
