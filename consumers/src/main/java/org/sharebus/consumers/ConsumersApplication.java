package org.sharebus.consumers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The consumer services, deployable alone and scaled out by running more instances with the same
 * application id: the Kafka Streams topologies, the PostgreSQL read model and the staff and public
 * pages, one package per feature below this one.
 */
@SpringBootApplication
public class ConsumersApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumersApplication.class, args);
    }
}
