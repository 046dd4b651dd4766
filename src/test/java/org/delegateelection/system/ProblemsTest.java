package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.delegateelection.api.ApiError;
import org.junit.jupiter.api.Test;

/** The problems of an input: the first hundred by row are listed, all are counted. */
class ProblemsTest {

    @Test
    void listsTheFirstHundredByRowInTheOrderFoundAndCountsAll() {
        Problems problems = new Problems();
        for (int row = 300; row >= 2; row--) {
            problems.add(new Problem(row, "b", "第二处"));
            problems.add(new Problem(row, "a", "第一处"));
        }
        problems.add(new Problem(null, null, "整个文件"));

        assertThat(problems.count()).isEqualTo(599);
        assertThat(problems.listed()).hasSize(Problems.LISTED).startsWith(new Problem(null, null, "整个文件"),
                new Problem(2, "b", "第二处"), new Problem(2, "a", "第一处"), new Problem(3, "b", "第二处"));
        assertThat(problems.listed().get(Problems.LISTED - 1)).isEqualTo(new Problem(51, "b", "第二处"));
    }

    @Test
    void anAnswerWithMoreProblemsThanListedSaysHowManyThereAre() {
        List<Problem> many = new ArrayList<>();
        for (int row = 2; row <= 3601; row++) {
            many.add(new Problem(row, "姓名", "必填"));
        }

        ApiError error = ApiError.of(new InvalidInputException("导入文件有误，未导入任何人选", many));
        ApiError few = ApiError.of(new InvalidInputException("导入文件有误，未导入任何人选", many.subList(0, 3)));

        assertThat(error.problems()).hasSize(100).first().isEqualTo(new Problem(2, "姓名", "必填"));
        assertThat(error.problemCount()).isEqualTo(3600);
        assertThat(error.message()).isEqualTo("导入文件有误，未导入任何人选（共 3600 处问题，仅列出前 100 处）");
        assertThat(few.problemCount()).isEqualTo(3);
        assertThat(few.message()).isEqualTo("导入文件有误，未导入任何人选");
    }
}
