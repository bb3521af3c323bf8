package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.AccidentRecord;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.service.view.WorkerViews.WorkerView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Changes of an open file by its station (PATCH, with the version read). */
@ApplicationScoped
public class FileUpdateService {

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final HardshipFileService files;
    private final FileRules rules;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;
    private final FileJournal journal;
    private final WorkerFeedItems feed;
    private final FileViews views;

    FileUpdateService(EntityManager em, PersonalDataCipher cipher, HardshipFileService files, FileRules rules,
                      HouseholdAssessor assessor, HouseholdSeal households, FileJournal journal, WorkerFeedItems feed,
                      FileViews views) {
        this.em = em;
        this.cipher = cipher;
        this.files = files;
        this.rules = rules;
        this.assessor = assessor;
        this.households = households;
        this.journal = journal;
        this.feed = feed;
        this.views = views;
    }

    @Transactional
    public WorkerView update(long id, int expectedVersion, FileChanges patch, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (file.version != expectedVersion) {
            throw new ProblemException(412, "stale-version");
        }
        if (!file.isOpen()) {
            throw ProblemException.conflict("file-closed", file.status);
        }
        if (file.status == FileStatus.ACTIVE && patch.touchesAssessedFields()) {
            // an active file's household, causes and station change only when a reviewer approves
            throw ProblemException.conflict("use-change-request");
        }
        FieldChanges changed = new FieldChanges();
        if (patch.name() != null && changed.put("name", file.name, patch.name().trim())) {
            file.name = patch.name().trim();
        }
        String phone = cipher.openText(file.phoneEnc, SealedColumns.PHONE);
        if (patch.phone() != null && changed.put("phone", phone, patch.phone())) {
            file.phoneEnc = cipher.sealText(patch.phone(), SealedColumns.PHONE);
        }
        if (patch.stationCode() != null && !patch.stationCode().equals(file.stationCode)) {
            Station station = rules.stationInScope(patch.stationCode(), scope);
            changed.put("stationCode", file.stationCode, station.code);
            file.stationCode = station.code;
            file.stationPath = station.path;
        }
        if (patch.enterpriseId() != null && !patch.enterpriseId().equals(file.enterpriseId)) {
            FileRules.requireEnterprise(patch.enterpriseId());
            changed.put("enterpriseId", file.enterpriseId, patch.enterpriseId());
            file.enterpriseId = patch.enterpriseId();
        }
        if (patch.migrantWorker() != null || patch.labourRelationSince() != null) {
            boolean migrant = patch.migrantWorker() != null ? patch.migrantWorker() : file.migrantWorker;
            LocalDate since = patch.labourRelationSince() != null ? patch.labourRelationSince() : file.labourRelationSince;
            rules.requireMigrantRelation(migrant, since);
            if (migrant != file.migrantWorker || !Objects.equals(since, file.labourRelationSince)) {
                changed.put("migrantWorker", List.of(file.migrantWorker, String.valueOf(file.labourRelationSince)),
                        List.of(migrant, String.valueOf(since)));
                file.migrantWorker = migrant;
                file.labourRelationSince = since;
            }
        }
        if (patch.mainCause() != null && changed.put("mainCause", file.mainCause, patch.mainCause())) {
            file.mainCause = patch.mainCause();
        }
        if (patch.otherCauses() != null) {
            List<Cause> before = file.otherCauseList();
            file.otherCauseList(patch.otherCauses());
            changed.put("otherCauses", before, file.otherCauseList());
        }
        Household household = households.open(file);
        if (patch.household() != null || patch.accident() != null) {
            HouseholdEntry entry = patch.household() != null ? patch.household() : HouseholdEntry.of(household);
            AccidentRecord accident = patch.accident() != null ? patch.accident() : household.accident();
            Household before = household;
            household = assessor.assess(entry, household.members(), accident);
            households.store(file, household);
            if (patch.household() != null) {
                changed.putAlways("household", FileViews.householdValue(before), FileViews.householdValue(household));
            }
            if (patch.accident() != null) {
                changed.putAlways("accident", before.accident(), household.accident());
            }
        }
        if (!changed.isEmpty()) {
            file.updatedAt = Instant.now();
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                throw new ProblemException(412, "stale-version");
            }
            journal.event(file.id, caller.subject(), "UPDATED", null, changed);
            feed.publish(file);
        }
        return views.answer(file, caller, household, "UPDATE");
    }
}
