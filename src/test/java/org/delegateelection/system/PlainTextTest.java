package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void acceptsNamesAsPeopleWriteThem() {
        for (String name : new String[] {"张三", "阿卜杜拉·买买提", "省直机关（含驻外机构）", "HB-0001", "Zhang San", "中共-2 支部", null}) {
            assertThat(PlainText.problem(name)).as(name).isNull();
        }
    }

    @Test
    void refusesMarkupQuotesControlCharactersAndFormulaStarts() {
        assertThat(PlainText.problem("<script>alert(1)</script>")).contains("「<」");
        assertThat(PlainText.problem("张三'); drop table candidate;--")).contains("「'」");
        assertThat(PlainText.problem("a;b")).contains("「;」");
        assertThat(PlainText.problem("张\u0000三")).contains("控制字符");
        for (String formula : new String[] {"=HYPERLINK(\"x\")", "+SUM(1,2)", "-1+2", "@cmd", "  =1+1"}) {
            assertThat(PlainText.problem(formula)).as(formula).isNotNull();
        }
        assertThat(PlainText.problem("=1+1")).contains("公式");
    }
}
