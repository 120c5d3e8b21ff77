package dev.assent.calls;

import java.util.List;

/** One page of a call search. */
public record CallPage(List<Call> items, long total, int page, int size) {
}
