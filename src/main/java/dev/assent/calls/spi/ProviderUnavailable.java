package dev.assent.calls.spi;

import dev.assent.calls.Provider;

/** The provider integration cannot do what was asked: not connected, revoked, or failing. */
public class ProviderUnavailable extends RuntimeException {

	private final Provider provider;

	public ProviderUnavailable(Provider provider, String message) {
		super(message);
		this.provider = provider;
	}

	public Provider provider() {
		return provider;
	}

}
