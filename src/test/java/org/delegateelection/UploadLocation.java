package org.delegateelection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Test support: the shared contexts' multipart upload location, a directory of its own under {@code target} that the
 * tests watch. The application holds uploads in memory (ballot files are secret), so nothing may appear there.
 */
public class UploadLocation implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Where Tomcat would write multipart uploads in the shared contexts. */
    public static final Path DIRECTORY = Path.of("target", "test-uploads").toAbsolutePath();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Files.createDirectories(DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testUploadLocation",
                Map.of("spring.servlet.multipart.location", DIRECTORY.toString())));
    }
}
