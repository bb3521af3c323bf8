package org.unionaid.disbursement.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.unionaid.common.crypto.BlindIndex;
import org.unionaid.common.crypto.SealedValues;

import java.util.Optional;

@ApplicationScoped
class Ciphers {

    /** Made at start: without a fit key the service refuses to start, with a message naming the setting. */
    @Produces
    @Singleton
    @Startup
    DetailsCipher detailsCipher(CryptoConfig config) {
        return DetailsCipher.of(Optional.of(config.dataKey()), config.previousDataKeys());
    }

    /** The blind index of members' ID numbers: MEMBER_INDEX_KEY, or a key derived from the data key when unset. */
    @Produces
    @Singleton
    @Startup
    MemberIndex memberIndex(CryptoConfig config) {
        byte[] key = config.memberIndexKey().isPresent()
                ? SealedValues.key(config.memberIndexKey().get(), "disbursement.crypto.member-index-key (MEMBER_INDEX_KEY)")
                : BlindIndex.of(SealedValues.key(config.dataKey(), DetailsCipher.PROPERTY)).of(MemberIndex.DERIVATION_LABEL);
        return new MemberIndex(BlindIndex.of(key));
    }
}
