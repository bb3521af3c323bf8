package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.ChangeRequest;
import org.unionaid.registry.domain.ChangeRequestStatus;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.ProposedChanges;
import org.unionaid.registry.service.view.ChangeRequestViews.ChangeRequestView;

import java.time.Instant;

/**
 * Change requests of ACTIVE files, the two writes: a clerk of the file's station (or a reviewer) proposes, a
 * reviewer who did not propose applies or rejects. Each write's checks, transaction, history entry and
 * access-log row are here, once.
 */
@ApplicationScoped
public class ChangeRequestService {

    static final String ACCESS = "CHANGE_REQUEST";

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final HardshipFileService files;
    private final AssessedFields fields;
    private final ChangeRequestViews views;
    private final FileJournal journal;
    private final WorkerFeedItems feed;

    ChangeRequestService(EntityManager em, PersonalDataCipher cipher, HardshipFileService files, AssessedFields fields,
                         ChangeRequestViews views, FileJournal journal, WorkerFeedItems feed) {
        this.em = em;
        this.cipher = cipher;
        this.files = files;
        this.fields = fields;
        this.views = views;
        this.journal = journal;
        this.feed = feed;
    }

    @Transactional
    public ChangeRequestView propose(long fileId, ProposedChanges proposed, String reason, Caller caller,
                                     StationScope scope) {
        HardshipFile file = files.visible(fileId, scope).orElseThrow(() -> ProblemException.notFound("File", fileId));
        if (file.status != FileStatus.ACTIVE) {
            throw ProblemException.conflict("change-request-not-active", file.status);
        }
        AssessedFields.Outcome outcome = fields.measure(file, proposed, scope);
        AssessedFields.requireSomeChange(outcome);
        if (ChangeRequest.count("fileId = ?1 and status = ?2", file.id, ChangeRequestStatus.PENDING) > 0) {
            throw ProblemException.conflict("change-request-pending");
        }
        ChangeRequest request = new ChangeRequest();
        request.fileId = file.id;
        request.status = ChangeRequestStatus.PENDING;
        request.changedFields = String.join(",", outcome.changes().fields());
        request.changesEnc = views.seal(outcome.effective());
        request.reasonEnc = cipher.sealText(reason, SealedColumns.CHANGE_REQUEST_REASON);
        request.baseVersion = file.version;
        request.requestedBy = caller.subject();
        request.requestedAt = Instant.now();
        try {
            request.persist();
            em.flush();
        } catch (PersistenceException e) {
            // Two proposals for one file at once: the partial unique index lets one through.
            throw ProblemException.conflict("change-request-pending");
        }
        journal.event(file.id, caller.subject(), "CHANGE_REQUESTED", null, null, reason, outcome.changes().fields());
        journal.access(file.id, caller.subject(), ACCESS, false);
        return views.full(request);
    }

    /**
     * Applies or rejects a pending request. The request's row is locked, so of two reviewers deciding at once
     * one decides and the other finds it decided (409). Applying needs the file as it was proposed against
     * (its version): a file changed since gets 409 file-changed and the request can only be rejected.
     */
    @Transactional
    public ChangeRequestView decide(long id, boolean approve, String reason, Caller caller, StationScope scope) {
        if (!caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "reviewer-decides");
        }
        ChangeRequest request = em.find(ChangeRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || files.visible(request.fileId, scope).isEmpty()) {
            throw ProblemException.notFound("Change request", id);
        }
        if (request.status != ChangeRequestStatus.PENDING) {
            throw ProblemException.conflict("change-request-decided", request.status);
        }
        MakerChecker.require(request.requestedBy, caller);
        if (!approve && (reason == null || reason.isBlank())) {
            throw ProblemException.invalid(Violation.keyed("reason", "change-request-reject-reason"));
        }
        Instant now = Instant.now();
        HardshipFile file = em.find(HardshipFile.class, request.fileId, LockModeType.PESSIMISTIC_WRITE);
        if (approve) {
            if (file.status != FileStatus.ACTIVE) {
                throw ProblemException.conflict("change-request-not-active", file.status);
            }
            if (file.version != request.baseVersion) {
                throw ProblemException.conflict("file-changed");
            }
            AssessedFields.Outcome outcome = fields.measure(file, views.open(request), scope);
            AssessedFields.requireSomeChange(outcome);
            fields.apply(file, outcome);
            file.updatedAt = now;
            em.flush();
            journal.event(file.id, caller.subject(), "CHANGE_APPLIED", reason, outcome.changes());
            feed.publish(file);
        } else {
            journal.event(file.id, caller.subject(), "CHANGE_REJECTED", null, null, reason, request.changedFieldList());
        }
        request.status = approve ? ChangeRequestStatus.APPLIED : ChangeRequestStatus.REJECTED;
        request.decidedBy = caller.subject();
        request.decidedAt = now;
        request.decisionReasonEnc = cipher.sealText(reason, SealedColumns.CHANGE_REQUEST_DECISION_REASON);
        em.flush();
        journal.access(file.id, caller.subject(), ACCESS, false);
        return views.full(request);
    }
}
