package org.unionaid.registry.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.Sex;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.time.Instant;
import java.util.List;

/** The entry of a new file: one open file per ID number, its household assessed and sealed. */
@ApplicationScoped
public class FileEntryService {

    /** The problem of an entry whose ID number already has an open file. */
    public static final String DUPLICATE = "duplicate-open-file";

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final FileRules rules;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;
    private final FileJournal journal;
    private final WorkerFeedItems feed;
    private final FileViews views;

    FileEntryService(EntityManager em, PersonalDataCipher cipher, FileRules rules, HouseholdAssessor assessor,
                     HouseholdSeal households, FileJournal journal, WorkerFeedItems feed, FileViews views) {
        this.em = em;
        this.cipher = cipher;
        this.rules = rules;
        this.assessor = assessor;
        this.households = households;
        this.journal = journal;
        this.feed = feed;
        this.views = views;
    }

    @Transactional
    public WorkerView create(FileEntry request, Caller caller, StationScope scope) {
        Station station = rules.stationInScope(request.stationCode(), scope);
        FileRules.requireEnterprise(request.enterpriseId());
        rules.requireMigrantRelation(request.migrantWorker(), request.labourRelationSince());
        String idNumber = IdNumbers.normalise(request.idNumber());
        byte[] hash = cipher.blindIndex(idNumber);
        if (HardshipFile.count("idNumberHash = :hash and " + FileRules.HOLDS_ID_NUMBER,
                Parameters.with("hash", hash).and("open", FileRules.openStatuses())) > 0) {
            throw ProblemException.conflict(DUPLICATE);
        }
        Household household = assessor.assess(request.household(), null, request.accident());

        Instant now = Instant.now();
        HardshipFile file = newFile(request, idNumber, hash, station, caller.subject(), now,
                request.temporary() ? FileStatus.TEMPORARY : FileStatus.PENDING);
        households.store(file, household);
        try {
            file.persist();
            em.flush();
        } catch (PersistenceException e) {
            // Two requests for one ID number at once: the unique index lets exactly one through.
            throw ProblemException.conflict(DUPLICATE);
        }
        journal.event(file.id, caller.subject(), "CREATED", null, file.status, null, List.of());
        feed.publish(file);
        return views.answer(file, caller, household, "CREATE");
    }

    /** A new file's fields from what the clerk entered; the household is stored by the caller. */
    HardshipFile newFile(FileEntry request, String idNumber, byte[] hash, Station station, String actor,
                         Instant createdAt, FileStatus status) {
        HardshipFile file = new HardshipFile();
        file.name = request.name().trim();
        file.idNumberEnc = cipher.encrypt(idNumber, SealedColumns.ID_NUMBER);
        file.idNumberHash = hash;
        file.idNumberMasked = IdNumbers.mask(idNumber);
        file.birthYear = IdNumbers.birthDate(idNumber).getYear();
        file.sex = IdNumbers.male(idNumber) ? Sex.MALE : Sex.FEMALE;
        file.phoneEnc = cipher.sealText(request.phone(), SealedColumns.PHONE);
        file.stationCode = station.code;
        file.stationPath = station.path;
        file.enterpriseId = request.enterpriseId();
        file.migrantWorker = request.migrantWorker();
        file.labourRelationSince = request.labourRelationSince();
        file.mainCause = request.mainCause();
        file.otherCauseList(request.otherCauses());
        file.status = status;
        file.createdAt = createdAt;
        file.createdBy = actor;
        file.updatedAt = createdAt;
        return file;
    }
}
