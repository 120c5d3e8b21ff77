package dev.assent.calls;

import java.util.List;

/** One page of a company's meetings, newest first. */
public record MeetingPage(List<Meeting> items, long total, int page, int size) {
}
