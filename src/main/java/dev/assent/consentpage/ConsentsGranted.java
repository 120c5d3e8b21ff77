package dev.assent.consentpage;

import java.util.List;

/** Participants agreed to be recorded: the consents stored together in one transaction (docs/adr/0005). */
public record ConsentsGranted(List<ConsentGranted> granted) {

	public ConsentsGranted {
		granted = List.copyOf(granted);
	}

}
