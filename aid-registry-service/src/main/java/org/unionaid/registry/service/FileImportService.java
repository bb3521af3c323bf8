package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.feed.Feed;
import org.unionaid.registry.feed.FeedWriter;
import org.unionaid.registry.service.view.ImportViews.ImportResult;
import org.unionaid.registry.service.view.ImportViews.ItemError;
import org.unionaid.registry.service.view.ImportViews.ItemResult;
import org.unionaid.registry.domain.Household;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports files kept until now in spreadsheets or the national system, in batches of up to 1,000,
 * one transaction each: every item is checked like a new entry (ID number, station, category with
 * the 低保 of the year it was entered), bad items are reported by index and the rest imported.
 */
@ApplicationScoped
public class FileImportService {

    private static final String IMPORTED = "IMPORTED";

    private final FileEntryService entries;
    private final HouseholdAssessor assessor;
    private final HouseholdSeal households;
    private final WorkerFeedItems feedItems;
    private final org.unionaid.registry.crypto.PersonalDataCipher cipher;
    private final FileJournal journal;
    private final FeedWriter feed;
    private final EntityManager em;
    private final LookupAllowance allowance;

    FileImportService(FileEntryService entries, HouseholdAssessor assessor, HouseholdSeal households,
                      WorkerFeedItems feedItems, org.unionaid.registry.crypto.PersonalDataCipher cipher, FileJournal journal,
                      FeedWriter feed, EntityManager em, LookupAllowance allowance) {
        this.allowance = allowance;
        this.entries = entries;
        this.assessor = assessor;
        this.households = households;
        this.feedItems = feedItems;
        this.cipher = cipher;
        this.journal = journal;
        this.feed = feed;
        this.em = em;
    }

    @Transactional
    public ImportResult importFiles(List<ImportedFile.Line> items, Caller caller, Locale locale) {
        List<ItemResult> results = new ArrayList<>();
        List<HardshipFile> imported = new ArrayList<>();
        Map<Integer, HardshipFile> byIndex = new HashMap<>();
        Set<ByteBuffer> open = openHashesAmong(items);
        Map<String, Station> stations = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ImportedFile.Line item = items.get(i);
            try {
                if (item.refused() != null) {
                    throw item.refused();
                }
                HardshipFile file = build(item.file(), open, stations, caller);
                imported.add(file);
                byIndex.put(i, file);
            } catch (ProblemException e) {
                results.add(new ItemResult(i, null, new ItemError(e.code(), describe(e, locale))));
            }
        }
        // Each item refused as a duplicate tells whether its number has a file: one probe each, spent with the import.
        allowance.spend((int) results.stream()
                .filter(r -> r.error() != null && FileEntryService.DUPLICATE.equals(r.error().type())).count());
        try {
            for (HardshipFile file : imported) {
                file.persist();
            }
            em.flush();
        } catch (PersistenceException e) {
            // Another import or entry took one of these ID numbers meanwhile: nothing of this batch stays.
            throw ProblemException.conflict(FileEntryService.DUPLICATE);
        }
        journal.events(imported.stream().map(f -> f.id).toList(), caller.subject(), IMPORTED,
                imported.stream().map(f -> f.status).toList(), "legacy import");
        Map<Long, Object> rows = new java.util.LinkedHashMap<>();
        imported.forEach(f -> rows.put(f.id, feedItems.item(f)));
        feed.appendAll(Feed.WORKERS, rows);
        byIndex.forEach((index, file) -> results.add(new ItemResult(index, file.id, null)));
        results.sort(Comparator.comparingInt(ItemResult::index));
        return new ImportResult(imported.size(), results);
    }

    private HardshipFile build(ImportedFile item, Set<ByteBuffer> open, Map<String, Station> stations, Caller caller) {
        if (item.status() != FileStatus.ACTIVE && item.status() != FileStatus.EXITED) {
            throw ProblemException.invalid(Violation.keyed("status", "import-status"));
        }
        if ((item.status() == FileStatus.EXITED) != (item.exitedAt() != null && item.exitReason() != null)) {
            throw ProblemException.invalid(Violation.keyed("exitedAt", "import-exit"));
        }
        if (item.activatedAt().isBefore(item.createdAt())
                || (item.exitedAt() != null && item.exitedAt().isBefore(item.activatedAt()))) {
            throw ProblemException.invalid(Violation.keyed("activatedAt", "import-times"));
        }
        FileEntry worker = item.entry();
        Station station = stations.computeIfAbsent(worker.stationCode(), code -> Station.findById(code));
        if (station == null) {
            throw ProblemException.unprocessable("unknown-station", worker.stationCode());
        }
        FileRules.requireEnterprise(worker.enterpriseId());
        if (worker.migrantWorker() && worker.labourRelationSince() == null) {
            throw ProblemException.invalid(Violation.keyed("labourRelationSince", "labour-relation-required"));
        }
        String idNumber = IdNumbers.normalise(worker.idNumber());
        byte[] hash = cipher.blindIndex(idNumber);
        if (item.status() == FileStatus.ACTIVE && !open.add(ByteBuffer.wrap(hash))) {
            throw ProblemException.conflict(FileEntryService.DUPLICATE);
        }
        int year = item.createdAt().atZone(FileRules.ZONE).getYear();
        Household household = assessor.assess(worker.household(), null, worker.accident(), year);
        HardshipFile file = entries.newFile(worker, idNumber, hash, station, caller.subject(), item.createdAt(),
                item.status());
        households.store(file, household, year);
        file.activatedAt = item.activatedAt();
        file.lastReviewedAt = item.activatedAt();
        file.updatedAt = item.exitedAt() != null ? item.exitedAt() : item.activatedAt();
        if (item.status() == FileStatus.EXITED) {
            file.closedAt = item.exitedAt();
            file.exitReason = item.exitReason();
        } else {
            LocalDate activated = item.activatedAt().atZone(FileRules.ZONE).toLocalDate();
            LocalDate due = activated.plusYears(1);
            file.nextReviewDue = due;
        }
        return file;
    }

    /** The blind indexes of the batch's ID numbers that already have an open file. */
    @SuppressWarnings("unchecked")
    private Set<ByteBuffer> openHashesAmong(List<ImportedFile.Line> items) {
        List<byte[]> hashes = items.stream()
                .filter(i -> i.file() != null && IdNumbers.isValid(i.file().entry().idNumber()))
                .map(i -> cipher.blindIndex(IdNumbers.normalise(i.file().entry().idNumber()))).toList();
        Set<ByteBuffer> open = new HashSet<>();
        if (hashes.isEmpty()) {
            return open;
        }
        List<byte[]> found = em.createQuery("select idNumberHash from HardshipFile where idNumberHash in :hashes and "
                        + FileRules.HOLDS_ID_NUMBER)
                .setParameter("hashes", hashes).setParameter("open", FileRules.openStatuses())
                .getResultList();
        found.forEach(h -> open.add(ByteBuffer.wrap(h)));
        return open;
    }

    private static String describe(ProblemException e, Locale locale) {
        if (!e.violations().isEmpty()) {
            return e.violations().stream().map(v -> v.in(locale)).map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; "));
        }
        String detail = Messages.get(locale, e.code() + ".detail", e.args());
        return detail != null ? detail : e.code();
    }
}
