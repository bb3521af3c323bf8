package org.unionaid.registry.service;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.registry.domain.ExitReason;
import org.unionaid.registry.domain.FileStatus;

import java.time.Instant;

/** A file the legacy import brings, with its past, mapped from the request at the resource edge. */
public record ImportedFile(FileEntry entry, FileStatus status, Instant createdAt, Instant activatedAt, Instant exitedAt,
                           ExitReason exitReason) {

    /** One item of a batch: the file, or why the request refused the item (missing, invalid fields) before mapping it. */
    public record Line(ImportedFile file, ProblemException refused) {

        public static Line of(ImportedFile file) {
            return new Line(file, null);
        }

        public static Line refused(ProblemException refusal) {
            return new Line(null, refusal);
        }
    }
}
