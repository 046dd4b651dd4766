package org.delegateelection.document;

import java.nio.file.Path;

import org.delegateelection.system.CjkFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the Chinese font of the documents at start-up: the font file {@code documents.cjk-font} names (a .ttf, or
 * the first font of a .ttc), or when it is not set the Noto Sans SC that ships with the application
 * ({@link CjkFont#bundled()}). A font that cannot be used stops the start with the reason instead of failing the first
 * download.
 */
@Configuration
public class DocumentConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentConfiguration.class);

    /**
     * The font of {@code documents.cjk-font}, or the bundled one when it is empty or not set.
     *
     * @throws IllegalStateException when the named file is missing or unusable (see {@link CjkFont#load})
     */
    @Bean
    public CjkFont cjkFont(@Value("${documents.cjk-font:}") String file) {
        CjkFont font = file.isBlank() ? CjkFont.bundled() : CjkFont.load(Path.of(file));
        LOG.info("文书中文字体：{}", font);
        return font;
    }
}
