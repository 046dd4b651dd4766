package org.delegateelection.quota;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The outcome of a quota check at one checkpoint: every rule that applies there with the required and the actual
 * figure and a sentence a person understands. Stored as JSON (process variable {@code quotaReport}, table
 * {@code quota_report}) with the checkpoint's Chinese {@link #title()}, so that a reader (the Cockpit quota view)
 * needs no list of checkpoints of its own, and shown as Markdown on the task forms.
 *
 * @param checkpoint where the check ran
 * @param passed     true when every blocking rule passed
 * @param results    one result per rule, in the order of the rule set
 */
@JsonIgnoreProperties(value = "title", allowGetters = true)
public record QuotaReport(Checkpoint checkpoint, boolean passed, List<RuleResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the results. */
    public QuotaReport {
        results = List.copyOf(results);
    }

    /** A report whose {@code passed} is derived from the results: true when every blocking rule passed. */
    public static QuotaReport of(Checkpoint checkpoint, List<RuleResult> results) {
        return new QuotaReport(checkpoint, results.stream().allMatch(r -> r.passed() || !r.blocking()), results);
    }

    /** The checkpoint's Chinese title, e.g. "初步人选结构检查"; written to JSON, derived again when read. */
    @JsonProperty("title")
    public String title() {
        return checkpoint.title();
    }

    /**
     * The outcome of one rule.
     *
     * @param ruleId   the rule's id, e.g. "womenShare"
     * @param label    the rule's Chinese label
     * @param required what the rule requires here, in Chinese, e.g. "高于本单位党员中女性比例 29.0%"
     * @param actual   what was found, in Chinese, e.g. "女性 25 名，占 27.8%"
     * @param passed   whether the requirement is met
     * @param blocking whether a failure fails the check
     * @param sentence one sentence in Chinese, e.g. "女性 25 名，占 27.8%，应高于本单位党员中女性比例 29.0%，不符合要求"
     */
    public record RuleResult(String ruleId, String label, String required, String actual, boolean passed,
                             boolean blocking, String sentence) {
    }

    /**
     * Short Markdown in Chinese for a task form: a heading with the checkpoint's title and 通过/未通过, then one line
     * per rule, ✔ or ✘, its label and its sentence.
     */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder("### ").append(title()).append("：")
                .append(passed ? "通过" : "未通过").append("\n\n");
        for (RuleResult result : results) {
            text.append("- ").append(result.passed() ? "✔" : "✘").append(' ').append(result.label()).append("：")
                    .append(result.sentence()).append('\n');
        }
        return text.toString();
    }

    /**
     * The report as JSON, e.g. {@code {"checkpoint":"preliminary","passed":false,"results":[...],
     * "title":"初步人选结构检查"}}.
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A report read back from {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a report
     */
    public static QuotaReport fromJson(String json) {
        try {
            return JSON.readValue(json, QuotaReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("不是有效的结构比例检查报告：" + e.getOriginalMessage(), e);
        }
    }
}
