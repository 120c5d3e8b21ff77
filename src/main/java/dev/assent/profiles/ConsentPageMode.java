package dev.assent.profiles;

/** Whether participants see a consent page before joining (PRODUCT C2). */
public enum ConsentPageMode {

	/** No personal consent link. */
	OFF,

	/** The personal link exists; members may also share the provider's own link. */
	ENABLED,

	/** Calls are recorded only when participants came through the consent page. */
	ENFORCED;

	public boolean isOn() {
		return this != OFF;
	}

}
