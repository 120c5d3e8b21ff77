package dev.assent.profiles;

import java.util.List;

/** The languages a consent page can be shown in (PRODUCT C8's reference set). */
public final class Languages {

	/** English first: the default and the fallback. */
	public static final List<String> SUPPORTED = List.of("en", "ar", "es", "pt", "de", "fr", "it", "ja", "zh", "id",
			"no", "sv", "da", "is");

	private Languages() {
	}

}
