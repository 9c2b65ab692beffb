package io.orderflow.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles the write side, the saga, the read models and the web tier into one process. */
@SpringBootApplication(scanBasePackages = "io.orderflow")
public class OrderflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderflowApplication.class, args);
    }
}
