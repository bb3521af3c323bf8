package org.unionaid.disbursement.crypto;

import org.unionaid.common.crypto.BlindIndex;

/** The blind index of a mutual-aid member's ID number (mutual_aid_member.id_number_index): common's {@link BlindIndex}. */
public final class MemberIndex {

    /** What a key derived from the data key is the HMAC of (when MEMBER_INDEX_KEY is not set). */
    static final String DERIVATION_LABEL = "union-aid disbursement mutual-aid member index";

    private final BlindIndex index;

    MemberIndex(BlindIndex index) {
        this.index = index;
    }

    /** The index of a normalised ID number. */
    public byte[] of(String idNumber) {
        return index.of(idNumber);
    }
}
