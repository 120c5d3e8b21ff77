package dev.assent.integrations;

/** Where a company's integration with a provider stands. */
public enum ConnectionState {

	/** This deployment has no integration for the provider; its links still work (C4). */
	NO_INTEGRATION,

	/** Available, never connected by the company. */
	NOT_CONNECTED,

	CONNECTED,

	/** Connected once; revoked, failing or disconnected by an admin (see the reason). */
	DISCONNECTED

}
