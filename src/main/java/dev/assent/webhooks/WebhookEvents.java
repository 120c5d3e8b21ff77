package dev.assent.webhooks;

import java.util.List;

/** The event types a subscription may ask for (PRODUCT J3). */
final class WebhookEvents {

	static final String CONSENT_DECIDED = "consent.decided";

	/** A participant withdrew consent (the consent page or their personal withdrawal link). */
	static final String CONSENT_WITHDRAWN = "consent.withdrawn";

	static final String CALL_SKIPPED = "call.skipped";

	static final String CALL_RECORDED = "call.recorded";

	static final List<String> ALL = List.of(CONSENT_DECIDED, CONSENT_WITHDRAWN, CALL_SKIPPED, CALL_RECORDED);

	private WebhookEvents() {
	}

}
