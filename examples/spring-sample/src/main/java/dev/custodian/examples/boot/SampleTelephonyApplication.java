package dev.custodian.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small telephony backend that embeds Custodian with no Custodian code of its own beyond the REST
 * intake: the {@code custodian-spring-boot} dependency, a DataSource and the table mappings in
 * {@code application.yml} are the whole set-up. Run it with {@code ./mvnw -pl
 * examples/spring-sample -am spring-boot:run} (H2 in memory), or with the {@code postgres} profile.
 */
@SpringBootApplication
public class SampleTelephonyApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleTelephonyApplication.class, args);
  }
}
