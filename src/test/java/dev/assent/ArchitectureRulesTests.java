package dev.assent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Rules of the code that {@link ModularityTests}' module boundaries do not cover (ArchUnit over the
 * main classes).
 */
class ArchitectureRulesTests {

	static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.assent");

	/** {@code now()} without a clock, of any java.time type. */
	static final DescribedPredicate<JavaCall<?>> NOW_WITHOUT_A_CLOCK = target(name("now"))
		.and(target(owner(or(assignableTo(Instant.class), assignableTo(LocalDate.class), assignableTo(LocalDateTime.class),
				assignableTo(LocalTime.class), assignableTo(ZonedDateTime.class), assignableTo(OffsetDateTime.class)))))
		.and(target(rawParameterTypes(new Class<?>[0])))
		.as("now() of a java.time type without a Clock");

	/**
	 * Time comes from the one injected {@link Clock} (tests move it instead of sleeping): no
	 * {@code now()} without a clock, no {@code System.currentTimeMillis()}, and the system clock is
	 * made only by the clock's configuration — and by the recorder outbox, which reads a recorder's
	 * {@code Retry-After} date against wall-clock time on purpose (its commands are timed by the
	 * database's clock).
	 */
	@Test
	void timeComesFromTheInjectedClock() {
		ArchRule rule = noClasses().should()
			.callMethodWhere(NOW_WITHOUT_A_CLOCK)
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.because("tests move the injected Clock instead of sleeping");
		rule.check(MAIN);

		noClasses().that()
			.doNotHaveFullyQualifiedName("dev.assent.shared.ClockConfiguration")
			.and()
			.doNotHaveFullyQualifiedName("dev.assent.recording.RecorderOutbox")
			.should()
			.callMethod(Clock.class, "systemUTC")
			.orShould()
			.callMethod(Clock.class, "systemDefaultZone")
			.check(MAIN);
	}

	/** Pages and API endpoints reach data through their module's API, never with SQL of their own. */
	@Test
	void controllersRunNoSqlOfTheirOwn() {
		noClasses().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(JdbcClient.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(JdbcTemplate.class)
			.check(MAIN);
	}

}
