package dev.assent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link AssentIntegrationTest} with the recorder served by WireMock ({@link WireMockRecorder})
 * instead of the simulated one. Test classes with this annotation share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AssentIntegrationTest
@ContextConfiguration(initializers = WireMockRecorder.Initializer.class)
@Import(RecordedEvents.class)
public @interface RecorderTest {

}
