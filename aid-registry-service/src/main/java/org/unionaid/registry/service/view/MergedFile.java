package org.unionaid.registry.service.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A file merged into the one shown: its id, and its household members paired with the shown file's members of the
 * same person (ids only). disbursement counts the merged file's aid for the shown file by them (once per student).
 */
public record MergedFile(Long id, List<MemberPair> members) {

    /** A member of the merged file ({@code from}) and the same person among the surviving file's members ({@code into}). */
    @Schema(name = "MergedMember")
    public record MemberPair(Integer from, Integer into) {
    }
}
