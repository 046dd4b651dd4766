package org.delegateelection;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.CacheAwareContextLoaderDelegate;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the cached application context of the previous test class before a class that needs another one: the
 * process application and its engine register under fixed names, once per JVM, so two of them cannot run side by
 * side (registered in META-INF/spring.factories). Classes with the same configuration ({@link ProcessTest},
 * {@link AuditHistoryProcessTest}) still share their context, as {@link ContextOrder} runs them one after another.
 */
public class OneEngineAtATime extends AbstractTestExecutionListener {

    private static final CacheAwareContextLoaderDelegate CONTEXTS = new DefaultCacheAwareContextLoaderDelegate();
    private static MergedContextConfiguration previous;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        MergedContextConfiguration next = BootstrapUtils.resolveTestContextBootstrapper(testContext.getTestClass())
                .buildMergedContextConfiguration();
        synchronized (OneEngineAtATime.class) {
            if (previous != null && !previous.equals(next) && CONTEXTS.isContextLoaded(previous)) {
                CONTEXTS.closeContext(previous, HierarchyMode.EXHAUSTIVE);
            }
            previous = next;
        }
    }
}
