package dev.assent.evidence;

/** A place in a company's evidence chain: a link's sequence number and its hash. */
public record ChainPosition(long seq, String sha256) {
}
