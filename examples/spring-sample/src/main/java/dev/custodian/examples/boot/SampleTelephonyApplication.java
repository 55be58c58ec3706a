package dev.custodian.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small telephony backend that embeds Custodian with no Custodian code of its own beyond the REST
 * intake: the {@code custodian-spring-boot} dependency, a DataSource and the table mappings in
 * {@code application.yml} are the whole set-up, with Spring Security checking each caller's token
 * (see {@code SampleSecurity} and README.md). Build it with {@code ./mvnw -B package -DskipTests -pl
 * examples/spring-sample -am} and run {@code java -jar
 * examples/spring-sample/target/custodian-spring-sample-*.jar} (H2 in memory), or with the {@code
 * postgres} profile.
 */
@SpringBootApplication
public class SampleTelephonyApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleTelephonyApplication.class, args);
  }
}
