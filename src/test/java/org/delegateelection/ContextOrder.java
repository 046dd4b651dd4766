package org.delegateelection;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The order of the test classes (junit-platform.properties), so that each application context starts once: first
 * the tests without a cached application (plain tests, slices, and those that start applications of their own, which
 * may not run beside a live engine), then the classes with a context of their own (closed after each with
 * {@code @DirtiesContext}), then all {@link ProcessTest} classes together, then all {@link AuditHistoryProcessTest}
 * classes. Before a class with another configuration, {@link OneEngineAtATime} closes the context before it, as two
 * engines of the process application cannot run side by side. Within a group, by name.
 */
public class ContextOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(ContextOrder::group)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        if (descriptor.isAnnotated(AuditHistoryProcessTest.class)) {
            return 3;
        }
        if (descriptor.isAnnotated(ProcessTest.class)) {
            return 2;
        }
        if (descriptor.isAnnotated(SpringBootTest.class)) {
            return 1;
        }
        return 0;
    }
}
