package dev.custodian.examples.starter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application whose only Custodian dependency is {@code
 * custodian-spring-boot-starter}: a {@code Custodian} bean on JDBC stores, its tables migrated by
 * Flyway in a history of their own, from {@code application.yml} alone.
 */
@SpringBootApplication
public class StarterApp {
  public static void main(String[] args) {
    SpringApplication.run(StarterApp.class, args);
  }
}
