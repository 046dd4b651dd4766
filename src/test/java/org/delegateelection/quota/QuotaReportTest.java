package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.delegateelection.quota.People.roster;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class QuotaReportTest {

    private final QuotaChecker handbook = new QuotaChecker(Handbook.unit(), QuotaRules.defaults());

    private final QuotaReport failing = handbook.preliminary(roster(90).leadingCadres(56).workers(8).farmers(3)
            .technicians(11).women(25).minorities(2).under55(45).build(), 95);

    @Test
    void jsonReadsBackToTheSameReport() {
        String json = failing.toJson();

        assertThat(json).contains("\"checkpoint\":\"preliminary\"", "\"passed\":false", "\"ruleId\":\"womenShare\"");
        assertThat(QuotaReport.fromJson(json)).isEqualTo(failing);
    }

    @Test
    void jsonCarriesTheCheckpointsTitleAndAReportStoredWithoutOneGetsItWhenRead() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode stored = (ObjectNode) json.readTree(failing.toJson());

        assertThat(stored.path("title").asText()).isEqualTo("初步人选结构检查");
        stored.remove("title");
        QuotaReport read = QuotaReport.fromJson(stored.toString());
        assertThat(read).isEqualTo(failing);
        assertThat(json.readTree(read.toJson()).path("title").asText()).isEqualTo("初步人选结构检查");
    }

    @Test
    void somethingElseIsNotAReport() {
        assertThatThrownBy(() -> QuotaReport.fromJson("{\"checkpoint\":\"nowhere\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("结构比例检查报告");
    }

    @Test
    void markdownHasAHeadingWithTheOutcomeAndOneLinePerRule() {
        String markdown = failing.toMarkdown();

        assertThat(markdown).startsWith("### 初步人选结构检查：未通过\n\n");
        assertThat(markdown.lines().filter(l -> l.startsWith("- "))).hasSize(failing.results().size());
        assertThat(markdown).contains(
                "- ✘ 女性比例高于本单位党员中女性比例：女性 25 名，占 27.8%，应高于本单位党员中女性比例 29.0%，不符合要求\n",
                "- ✔ 少数民族人选不少于规定人数：少数民族 2 名，不少于 2 名，符合要求\n");
        assertThat(handbook.allocation().toMarkdown()).startsWith("### 名额分配可行性检查：通过");
    }
}
