package dev.assent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port with its own embedded PostgreSQL (demo data seeded).
 * Test classes with this annotation and nothing else share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public @interface AssentIntegrationTest {

	String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

	String ADMIN_EMAIL = "admin@acme.example";

	String ADMIN_PASSWORD = "test-admin-password-123";

}
