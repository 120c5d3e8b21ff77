package dev.assent.accounts;

import java.util.List;

/** One page of a member search. */
public record MemberPage(List<Member> items, long total, int page, int size) {
}
