package org.unionaid.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    Crypto crypto();

    Files files();

    PayoutFeed payoutFeed();

    /** disbursement's payout feed, read for when each file was last aided. */
    interface PayoutFeed {
        /** Time between reads: "10s", "500ms", "off" (REGISTRY_PAYOUT_FEED_POLL). */
        @WithDefault("10s")
        String pollInterval();

        /** Items asked for per page (1..1000). */
        @WithDefault("500")
        int batchSize();
    }

    interface Crypto {
        /** AES-256 key for personal data, base64 (ID_DATA_KEY). */
        String dataKey();

        /**
         * Keys personal data was sealed with before the data key was rotated, base64, comma-separated
         * (ID_PREVIOUS_DATA_KEYS): values still sealed with them keep opening. None by default.
         */
        Optional<List<String>> previousDataKeys();

        /** HMAC key of the ID-number blind index, base64 (ID_BLIND_INDEX_KEY). */
        String blindIndexKey();
    }

    interface Files {
        /** Days a file is publicly noticed (公示) before it can be approved. */
        @WithDefault("5")
        int publicNoticeDays();

        /** Share of a year's income above which hardship costs make a household ACCIDENT. */
        @WithDefault("0.80")
        java.math.BigDecimal accidentCostShare();

        /** Months of labour relation in the city a migrant worker needs. */
        @WithDefault("12")
        int migrantMonths();

        /**
         * ID-number probes (lookups, entries refused as duplicates) a person who is not a reviewer may make in an
         * hour (REGISTRY_LOOKUPS_PER_HOUR).
         */
        @WithDefault("120")
        int lookupsPerHour();
    }
}
