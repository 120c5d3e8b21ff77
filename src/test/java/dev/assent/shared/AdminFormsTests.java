package dev.assent.shared;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin form shows a coded {@link InvalidInput} in the request's language (issue 10): the error
 * next to the field carries the code and its arguments, resolved through the MessageSource when the
 * page is rendered, not the English text the exception was made with. The admin UI ships English
 * only (admin-messages.properties); a second language here is a test-only MessageSource.
 */
class AdminFormsTests {

	/** A form with the fields an admin fills in. */
	public static class Form {

		private String personalMeetingUrl = "not a link";

		private Integer preCallEmailMinutes = 0;

		public String getPersonalMeetingUrl() {
			return personalMeetingUrl;
		}

		public void setPersonalMeetingUrl(String v) {
			personalMeetingUrl = v;
		}

		public Integer getPreCallEmailMinutes() {
			return preCallEmailMinutes;
		}

		public void setPreCallEmailMinutes(Integer v) {
			preCallEmailMinutes = v;
		}

	}

	private static MessageSource english() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages", "admin-messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static MessageSource germanOver(MessageSource english) {
		StaticMessageSource german = new StaticMessageSource();
		german.setParentMessageSource(english);
		german.addMessage("invalid.characters.at-most", Locale.GERMAN, "darf höchstens {0} Zeichen lang sein");
		german.addMessage("invalid.must-be-a-valid-email-address", Locale.GERMAN, "ist keine gültige E-Mail-Adresse");
		return german;
	}

	@Test
	void aCodedErrorNextToItsFieldIsResolvedInTheRequestsLanguage() { // issue 10
		BindingResult result = new BeanPropertyBindingResult(new Form(), "member");
		AdminForms.reject(result, InvalidInput.of("link", "invalid.characters.at-most", 2048), Map.of("link", "personalMeetingUrl"));

		FieldError error = result.getFieldError("personalMeetingUrl");
		assertThat(error).isNotNull();
		assertThat(error.getCodes()).contains("invalid.characters.at-most");
		assertThat(error.getArguments()).containsExactly("2048");
		assertThat(error.getRejectedValue()).isEqualTo("not a link");
		MessageSource english = english();
		assertThat(germanOver(english).getMessage(error, Locale.GERMAN)).isEqualTo("darf höchstens 2048 Zeichen lang sein");
		assertThat(english.getMessage(error, Locale.ENGLISH)).isEqualTo(english.getMessage("invalid.characters.at-most",
				new Object[] { "2048" }, Locale.ENGLISH));
		// A language the bundles do not have gets the English text (admin-messages.properties).
		assertThat(germanOver(english).getMessage(error, Locale.JAPANESE))
			.isEqualTo(english.getMessage(error, Locale.ENGLISH))
			.doesNotContain("??");
	}

	@Test
	void anErrorAboutNoFieldOfTheFormIsShownAboveItInTheRequestsLanguage() { // issue 10
		BindingResult result = new BeanPropertyBindingResult(new Form(), "member");
		AdminForms.reject(result, InvalidInput.of("email", "invalid.must-be-a-valid-email-address"), Map.of());

		assertThat(result.getFieldErrors()).isEmpty();
		assertThat(result.getGlobalErrors()).singleElement()
			.satisfies(e -> assertThat(germanOver(english()).getMessage(e, Locale.GERMAN))
				.isEqualTo("ist keine gültige E-Mail-Adresse"));
	}

	@Test
	void aFormSaysEmptyWhereTheApiSaysNull() { // the form's own wording, "<code>.form", before the API's
		BindingResult result = new BeanPropertyBindingResult(new Form(), "profile");
		AdminForms.reject(result, InvalidInput.of("preCallEmailMinutes", "invalid.must-be-between-1-and-1440-minutes-or"),
				Map.of());

		String shown = english().getMessage(result.getFieldError("preCallEmailMinutes"), Locale.ENGLISH);
		assertThat(shown).startsWith("must be between 1 and 1440 minutes").doesNotContain("null");
	}

	@Test
	void theFieldsOfACodedErrorAreResolvedForTheReader() { // issue 10
		InvalidInput ex = InvalidInput.of("personalMeetingUrl", "invalid.characters.at-most", 2048);
		MessageSource english = english();

		assertThat(ex.fields(germanOver(english), Locale.GERMAN))
			.containsExactly(Map.entry("personalMeetingUrl", "darf höchstens 2048 Zeichen lang sein"));
		assertThat(ex.fields(english, Locale.ENGLISH)).isEqualTo(ex.fields());
	}

}
