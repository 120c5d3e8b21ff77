package dev.assent.consentpage;

import java.util.List;

/**
 * Participants chose "Join but don't record" (PRODUCT D4): the opt-outs stored together in one
 * transaction (docs/adr/0005), in the order they were stored. One event — one event publication
 * row per listener — however many participants decided at that moment.
 */
public record ConsentsDeclined(List<ConsentDeclined> declined) {

	public ConsentsDeclined {
		declined = List.copyOf(declined);
	}

}
