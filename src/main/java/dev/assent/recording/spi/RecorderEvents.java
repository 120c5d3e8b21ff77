package dev.assent.recording.spi;

/**
 * Where an adapter hands the events of a verified recorder webhook (implemented by the recording
 * module): applied once per event id, in the transaction that records the id.
 */
public interface RecorderEvents {

	/** What became of a webhook event. */
	enum Outcome {

		/** Applied (or knowingly ignored: a call or bot Assent does not know). */
		PROCESSED,

		/** Its id was applied before. */
		DUPLICATE

	}

	/** Applies {@code event}; {@code source} names the recorder's scheme ({@code assent}, {@code recall}) for the id's namespace. */
	Outcome handle(String source, RecorderEvent event);

}
