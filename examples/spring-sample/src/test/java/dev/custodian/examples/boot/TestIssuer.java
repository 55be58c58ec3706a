package dev.custodian.examples.boot;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.custodian.client.ClientRole;
import dev.custodian.client.ProcessorRole;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The tests' identity provider: an RSA key pair made for this test run, tokens signed with it, and
 * the {@link JwtDecoder} the sample trusts in its place (that key, its issuer and the sample's
 * audience), so no test reaches a network. {@link #forger()} signs with a key nobody trusts.
 */
final class TestIssuer {
  static final String ISSUER = "https://id.example.com/realms/telephony";
  static final String AUDIENCE = "telephony-api";

  private static final TestIssuer TRUSTED = new TestIssuer();
  private static final TestIssuer FORGER = new TestIssuer();

  private final KeyPair keys;

  private TestIssuer() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static TestIssuer trusted() {
    return TRUSTED;
  }

  static TestIssuer forger() {
    return FORGER;
  }

  /** A client's user's token: its id, its client, its roles. */
  static String clientUser(String user, String client, ClientRole... roles) {
    return TRUSTED.sign(Map.of("sub", user, "custodian_client", client,
        "roles", Arrays.stream(roles).map(Enum::name).toList()));
  }

  /** A processor staff member's token. */
  static String staff(String user, ProcessorRole... roles) {
    return TRUSTED.sign(Map.of("sub", user,
        "processor_roles", Arrays.stream(roles).map(Enum::name).toList()));
  }

  /** A token with these claims, this issuer and audience, valid for ten minutes from now. */
  String sign(Map<String, Object> claims) {
    Instant now = Instant.now();
    return sign(claims, ISSUER, AUDIENCE, now.plus(Duration.ofMinutes(10)));
  }

  String sign(Map<String, Object> claims, String issuer, String audience, Instant expiresAt) {
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
        .expirationTime(Date.from(expiresAt));
    claims.forEach(set::claim);
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), set.build());
    try {
      jwt.sign(new RSASSASigner(keys.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** Replaces the decoder Boot would build from the issuer's address. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Decoder {
    @Bean
    JwtDecoder jwtDecoder() {
      NimbusJwtDecoder decoder =
          NimbusJwtDecoder.withPublicKey((RSAPublicKey) TRUSTED.keys.getPublic()).build();
      decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
          JwtValidators.createDefaultWithIssuer(ISSUER),
          new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
              aud -> aud != null && aud.contains(AUDIENCE))));
      return decoder;
    }
  }
}
