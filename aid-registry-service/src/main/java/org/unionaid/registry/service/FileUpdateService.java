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
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Household;
import org.unionaid.registry.domain.HouseholdEntry;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.rest.WorkerDtos.WorkerView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
        List<String> changed = new ArrayList<>();
        if (patch.name() != null && !patch.name().trim().equals(file.name)) {
            file.name = patch.name().trim();
            changed.add("name");
        }
        if (patch.phone() != null && !patch.phone().equals(cipher.openText(file.phoneEnc, SealedColumns.PHONE))) {
            file.phoneEnc = cipher.sealText(patch.phone(), SealedColumns.PHONE);
            changed.add("phone");
        }
        if (patch.stationCode() != null && !patch.stationCode().equals(file.stationCode)) {
            Station station = rules.stationInScope(patch.stationCode(), scope);
            file.stationCode = station.code;
            file.stationPath = station.path;
            changed.add("stationCode");
        }
        if (patch.enterpriseId() != null && !patch.enterpriseId().equals(file.enterpriseId)) {
            FileRules.requireEnterprise(patch.enterpriseId());
            file.enterpriseId = patch.enterpriseId();
            changed.add("enterpriseId");
        }
        if (patch.migrantWorker() != null || patch.labourRelationSince() != null) {
            boolean migrant = patch.migrantWorker() != null ? patch.migrantWorker() : file.migrantWorker;
            LocalDate since = patch.labourRelationSince() != null ? patch.labourRelationSince() : file.labourRelationSince;
            rules.requireMigrantRelation(migrant, since);
            if (migrant != file.migrantWorker || !Objects.equals(since, file.labourRelationSince)) {
                file.migrantWorker = migrant;
                file.labourRelationSince = since;
                changed.add("migrantWorker");
            }
        }
        if (patch.mainCause() != null && patch.mainCause() != file.mainCause) {
            file.mainCause = patch.mainCause();
            changed.add("mainCause");
        }
        if (patch.otherCauses() != null) {
            String before = file.otherCauses;
            file.otherCauseList(patch.otherCauses());
            if (!before.equals(file.otherCauses)) {
                changed.add("otherCauses");
            }
        }
        Household household = households.open(file);
        if (patch.household() != null || patch.accident() != null) {
            HouseholdEntry entry = patch.household() != null ? patch.household() : HouseholdEntry.of(household);
            AccidentRecord accident = patch.accident() != null ? patch.accident() : household.accident();
            household = assessor.assess(entry, household.members(), accident);
            households.store(file, household);
            if (patch.household() != null) {
                changed.add("household");
            }
            if (patch.accident() != null) {
                changed.add("accident");
            }
        }
        if (!changed.isEmpty()) {
            file.updatedAt = Instant.now();
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                throw new ProblemException(412, "stale-version");
            }
            journal.event(file.id, caller.subject(), "UPDATED", null, null, null, changed);
            feed.publish(file);
        }
        return views.answer(file, caller, household, "UPDATE");
    }
}
