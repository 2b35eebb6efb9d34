package org.sharebus.platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Starts an embedded service (broker, database) on a thread of its own as soon as the context's
 * bean definitions are known, so that it boots while Spring builds the web server and the other
 * beans instead of after them; the service's bean then {@linkplain #await() waits} for it. On two
 * cores this takes the broker's and PostgreSQL's start (about 4 s and 2.5 s) off the start-up
 * thread, which spends about 5 s creating beans meanwhile (docs/benchmarks.md, one command to a
 * usable page).
 *
 * <p>A service started but never claimed (the context failed first) is closed with the context.
 *
 * @param <T> the service
 */
public final class EarlyStart<T extends AutoCloseable> implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EarlyStart.class);

    private final String name;
    private final Function<PlatformProperties, T> starter;
    private Environment environment;
    private CompletableFuture<T> started;
    private volatile boolean claimed;

    /**
     * @param name    what is started, for the thread's name and messages
     * @param starter starts the service from the platform properties (bound from the environment,
     *                as the {@link PlatformProperties} bean will be)
     */
    public EarlyStart(String name, Function<PlatformProperties, T> starter) {
        this.name = name;
        this.starter = starter;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        PlatformProperties properties = Binder.get(environment).bind("sharebus", PlatformProperties.class)
                .orElseGet(() -> new PlatformProperties(null, null, null, null));
        started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                started.complete(starter.apply(properties));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "start-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The started service, once it is up; its start's own exception when it failed. */
    public T await() {
        claimed = true;
        if (started == null) {
            throw new IllegalStateException(name + " was not started: the bean factory was not post-processed");
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("cannot start " + name, e.getCause());
        }
    }

    @Override
    public void destroy() throws Exception {
        if (claimed || started == null) {
            return;
        }
        try {
            started.join().close();
        } catch (CompletionException e) {
            log.debug("{} had failed to start; nothing to close", name, e.getCause());
        }
    }
}
