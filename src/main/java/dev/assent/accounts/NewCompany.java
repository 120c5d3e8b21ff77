package dev.assent.accounts;

import java.util.UUID;

/** A company just created, with its tokens in clear text. They are shown this once and stored hashed. */
public record NewCompany(UUID id, String slug, String apiToken, String scimToken) {
}
