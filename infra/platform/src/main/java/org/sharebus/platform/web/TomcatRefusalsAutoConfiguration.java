package org.sharebus.platform.web;

import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Puts {@link TomcatRefusals} in the place of Tomcat's error report valve, in every deployable with
 * a servlet web server. {@code sharebus.web.api-paths} (path prefixes, {@code /api/} by default)
 * says where its answers are problem+json; the gateway alone, which has no pages, sets {@code /}.
 */
@AutoConfiguration
@ConditionalOnClass({ErrorReportValve.class, TomcatServletWebServerFactory.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TomcatRefusalsAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusals(Environment environment) {
        List<String> apiPaths = List.of(environment.getProperty("sharebus.web.api-paths", String[].class, new String[] {"/api/"}));
        return new Customizer(apiPaths);
    }

    /**
     * Last of the customizers: Boot's own (order 0) adds a plain error report valve to the host when
     * stack traces are never shown, and this one replaces it. The host's error report valve class is
     * ours too, so the host, which adds one of that class where there is none, adds no second one.
     */
    private record Customizer(List<String> apiPaths) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(TomcatRefusals.class.getName());
                }
                pipeline.addValve(new TomcatRefusals(apiPaths));
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
