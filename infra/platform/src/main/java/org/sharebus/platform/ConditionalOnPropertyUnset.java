package org.sharebus.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a property is absent or blank: the embedded default starts a part only where no
 * external one is configured. ({@code @ConditionalOnProperty(matchIfMissing = true)} cannot say
 * "missing or blank".)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnPropertyUnset.OnPropertyUnset.class)
public @interface ConditionalOnPropertyUnset {

    /** The property that, when set, names an external service. */
    String value();

    class OnPropertyUnset implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnPropertyUnset.class.getName());
            String name = (String) attributes.get("value");
            return !isSet(context.getEnvironment(), name);
        }

        /**
         * Whether the property names something, as a string or as a list: in YAML
         * {@code bootstrap-servers: [kafka1:9092, kafka2:9092]} is stored as {@code [0]}, {@code [1]},
         * and a plain {@code getProperty} would call it unset and start the embedded broker instead.
         */
        public static boolean isSet(Environment environment, String name) {
            return StringUtils.hasText(environment.getProperty(name))
                    || Binder.get(environment).bind(name, Bindable.listOf(String.class))
                            .map(values -> values.stream().anyMatch(StringUtils::hasText)).orElse(false);
        }
    }
}
