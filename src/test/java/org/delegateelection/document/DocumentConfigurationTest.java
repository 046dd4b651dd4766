package org.delegateelection.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.delegateelection.system.CjkFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The font bean as the application starts it: the bundled Noto Sans SC without any setting (no font installed on the
 * machine), another font only when {@code documents.cjk-font} names one, and no start when that file is missing.
 */
class DocumentConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(DocumentConfiguration.class);

    @Test
    void startsWithTheBundledFontWhenNoneIsConfigured() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(CjkFont.class)).isSameAs(CjkFont.bundled());
            assertThat(started.getBean(CjkFont.class).family()).isEqualTo("Noto Sans SC");
        });
        context.withPropertyValues("documents.cjk-font=").run(started ->
                assertThat(started.getBean(CjkFont.class)).isSameAs(CjkFont.bundled()));
    }

    @Test
    void doesNotStartWhenTheConfiguredFontFileIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("wqy-zenhei.ttc");
        context.withPropertyValues("documents.cjk-font=" + missing).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("缺少文书所用的中文字体文件 " + missing + "（documents.cjk-font）");
        });
    }
}
