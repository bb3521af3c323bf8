package org.unionaid.disbursement.crypto;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.Optional;

/** Checked when the configuration is read, before the database is touched: a start without a fit key stops here. */
@ConfigMapping(prefix = "disbursement.crypto")
public interface CryptoConfig {

    /** AES-256 key of the applications' details, base64 of 32 bytes (DETAILS_DATA_KEY). */
    @Pattern(regexp = "\\s*[A-Za-z0-9+/]{43}=\\s*", message = "must be a base64 key of 32 bytes (DETAILS_DATA_KEY)")
    String dataKey();

    /**
     * Keys the details were sealed with before the data key was rotated, base64 of 32 bytes each,
     * comma-separated (DETAILS_PREVIOUS_DATA_KEYS): details still sealed with them keep opening. None by default.
     */
    Optional<List<String>> previousDataKeys();

    /**
     * Key of the blind index of mutual-aid members' ID numbers, base64 of 32 bytes (MEMBER_INDEX_KEY). Unset, a key
     * derived from the data key is used: set it before the data key is first rotated (the index cannot be rotated).
     */
    Optional<String> memberIndexKey();
}
