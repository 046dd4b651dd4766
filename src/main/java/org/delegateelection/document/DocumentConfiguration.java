package org.delegateelection.document;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the Chinese font of the documents at start-up ({@code documents.cjk-font}, by default where Debian's package
 * {@value CjkFont#DEBIAN_PACKAGE} installs it), so that a missing font stops the application with a message naming
 * the package instead of failing the first download.
 */
@Configuration
public class DocumentConfiguration {

    /** The font of {@code documents.cjk-font}; fails the start when it is missing (see {@link CjkFont#load}). */
    @Bean
    public CjkFont cjkFont(@Value("${documents.cjk-font:" + CjkFont.DEBIAN_FILE + "}") Path file) {
        return CjkFont.load(file);
    }
}
