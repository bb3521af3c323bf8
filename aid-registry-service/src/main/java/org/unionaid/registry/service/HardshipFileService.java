package org.unionaid.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.paging.Page;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.security.Caller;
import org.unionaid.common.security.Roles;
import org.unionaid.registry.config.RegistryConfig;
import org.unionaid.registry.crypto.PersonalDataCipher;
import org.unionaid.registry.crypto.SealedColumns;
import org.unionaid.registry.domain.Category;
import org.unionaid.registry.domain.Cause;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.Enterprise;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.domain.IdNumbers;
import org.unionaid.registry.domain.MinimumLivingStandard;
import org.unionaid.registry.domain.Station;
import org.unionaid.registry.feed.Feed;
import org.unionaid.registry.feed.FeedWriter;
import org.unionaid.registry.rest.BankAccountDtos.BankAccountView;
import org.unionaid.registry.rest.WorkerDtos.Accident;
import org.unionaid.registry.rest.WorkerDtos.AccidentInput;
import org.unionaid.registry.rest.WorkerDtos.CheckView;
import org.unionaid.registry.rest.WorkerDtos.HistoryEntry;
import org.unionaid.registry.rest.WorkerDtos.HouseholdInput;
import org.unionaid.registry.rest.WorkerDtos.HouseholdView;
import org.unionaid.registry.rest.WorkerDtos.Member;
import org.unionaid.registry.rest.WorkerDtos.MemberInput;
import org.unionaid.registry.rest.WorkerDtos.NewCheck;
import org.unionaid.registry.rest.WorkerDtos.NewWorker;
import org.unionaid.registry.rest.WorkerDtos.Review;
import org.unionaid.registry.rest.WorkerDtos.ReviewResult;
import org.unionaid.registry.rest.WorkerDtos.Transition;
import org.unionaid.registry.rest.WorkerDtos.WorkerPatch;
import org.unionaid.registry.rest.WorkerDtos.WorkerSummary;
import org.unionaid.registry.rest.WorkerDtos.WorkerView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Hardship files: entry, checks, lifecycle, reviews, and who may see what of them. */
@ApplicationScoped
public class HardshipFileService {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final String ID_PURPOSE = SealedColumns.ID_NUMBER;
    public static final String HOUSEHOLD_PURPOSE = SealedColumns.HOUSEHOLD;
    private static final Map<FileStatus, Set<FileStatus>> TRANSITIONS = Map.of(
            FileStatus.PENDING, Set.of(FileStatus.ACTIVE, FileStatus.REJECTED, FileStatus.CANCELLED),
            FileStatus.TEMPORARY, Set.of(FileStatus.ACTIVE, FileStatus.CANCELLED),
            FileStatus.ACTIVE, Set.of(FileStatus.EXITED));

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    /** Reads the decrypted household's UTF-8 bytes directly: no String in between, no per-call type lookup. */
    private final ObjectReader households;
    private final FileJournal journal;
    private final FeedWriter feed;
    private final RegistryConfig config;
    private final BankAccountSeal bankAccounts;

    HardshipFileService(EntityManager em, PersonalDataCipher cipher, ObjectMapper json, FileJournal journal,
                        FeedWriter feed, RegistryConfig config, BankAccountSeal bankAccounts) {
        this.bankAccounts = bankAccounts;
        this.em = em;
        this.cipher = cipher;
        this.json = json;
        this.households = json.readerFor(StoredHousehold.class);
        this.journal = journal;
        this.feed = feed;
        this.config = config;
    }

    public record Filter(FileStatus status, Category category, String station, Long enterprise, Cause cause,
                         boolean reviewDue) {
    }

    /** The problem of an entry whose ID number already has an open file. */
    public static final String DUPLICATE = "duplicate-open-file";

    @Transactional
    public WorkerView create(NewWorker request, Caller caller, StationScope scope) {
        Station station = stationInScope(request.stationCode(), scope);
        requireEnterprise(request.enterpriseId());
        requireMigrantRelation(request.migrantWorker(), request.labourRelationSince());
        String idNumber = IdNumbers.normalise(request.idNumber());
        byte[] hash = cipher.blindIndex(idNumber);
        if (HardshipFile.count("idNumberHash = ?1 and status in ?2", hash, openStatuses()) > 0) {
            throw ProblemException.conflict(DUPLICATE);
        }
        StoredHousehold household = assess(request.household(), null, accident(request.accident()));

        Instant now = Instant.now();
        HardshipFile file = newFile(request, idNumber, hash, station, caller.subject(), now,
                request.temporary() ? FileStatus.TEMPORARY : FileStatus.PENDING);
        store(file, household);
        try {
            file.persist();
            em.flush();
        } catch (PersistenceException e) {
            // Two requests for one ID number at once: the unique index lets exactly one through.
            throw ProblemException.conflict(DUPLICATE);
        }
        journal.event(file.id, caller.subject(), "CREATED", null, file.status, null, List.of());
        publish(file);
        return answer(file, caller, household, "CREATE");
    }

    /** A new file's fields from what the clerk entered; the household is stored by the caller. */
    HardshipFile newFile(NewWorker request, String idNumber, byte[] hash, Station station, String actor,
                         Instant createdAt, FileStatus status) {
        HardshipFile file = new HardshipFile();
        file.name = request.name().trim();
        file.idNumberEnc = cipher.encrypt(idNumber, ID_PURPOSE);
        file.idNumberHash = hash;
        file.idNumberMasked = IdNumbers.mask(idNumber);
        file.birthYear = IdNumbers.birthDate(idNumber).getYear();
        file.sex = IdNumbers.sex(idNumber);
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

    /**
     * A file the caller may see, or empty (other stations' files do not exist for a clerk). Every
     * read of a file's household is journalled, whatever the role: the read and its journal row
     * commit together (no row, no answer).
     */
    @Transactional
    public Optional<WorkerView> get(long id, Caller caller, StationScope scope) {
        return visible(id, scope).map(file -> answer(file, caller, household(file), "VIEW"));
    }

    @Transactional
    public List<WorkerView> lookup(String rawIdNumber, Caller caller, StationScope scope) {
        if (scope.seesNothing()) {
            return List.of();
        }
        byte[] hash = cipher.blindIndex(IdNumbers.normalise(rawIdNumber));
        List<HardshipFile> files = HardshipFile.list("idNumberHash = ?1 order by id", hash);
        List<WorkerView> views = new ArrayList<>();
        for (HardshipFile file : files) {
            if (scope.covers(file.stationPath)) {
                views.add(answer(file, caller, household(file), "LOOKUP"));
            }
        }
        return views;
    }

    /**
     * A page of list rows. They carry the household's category and main cause (an illness, a
     * disability): the page's reads are journalled in one statement.
     */
    @Transactional
    public Page<WorkerSummary> list(Filter filter, String cursor, int limit, Caller caller, StationScope scope) {
        long after = Cursors.decodeLong(cursor);
        if (scope.seesNothing()) {
            return new Page<>(List.of(), null);
        }
        StringBuilder where = new StringBuilder("id > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", after);
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            params.put("category", filter.category());
        }
        if (filter.cause() != null) {
            where.append(" and mainCause = :cause");
            params.put("cause", filter.cause());
        }
        if (filter.enterprise() != null) {
            where.append(" and enterpriseId = :enterprise");
            params.put("enterprise", filter.enterprise());
        }
        if (filter.reviewDue()) {
            where.append(" and status = :active and nextReviewDue <= :today");
            params.put("active", FileStatus.ACTIVE);
            params.put("today", LocalDate.now(ZONE));
        }
        if (filter.station() != null) {
            Optional<String> path = Station.<Station>findByIdOptional(filter.station()).map(s -> s.path);
            if (path.isEmpty()) {
                // no such station: no file is at it
                return new Page<>(List.of(), null);
            }
            where.append(" and stationPath like :station escape '!'");
            params.put("station", likePrefix(path.get()));
        }
        scope.prefix().ifPresent(prefix -> {
            where.append(" and stationPath like :scope escape '!'");
            params.put("scope", likePrefix(prefix));
        });
        List<HardshipFile> rows = HardshipFile.<HardshipFile>find(where + " order by id", params)
                .range(0, limit).list();
        Page<WorkerSummary> page = Cursors.page(rows, limit, f -> new Object[] {f.id}, f -> new WorkerSummary(f.id, f.name,
                f.idNumberMasked, f.stationCode, f.enterpriseId, f.category, f.mainCause,
                f.status, f.migrantWorker, f.createdAt, f.nextReviewDue));
        journal.reads(page.items().stream().map(WorkerSummary::id).toList(), caller.subject(), "LIST");
        return page;
    }

    @Transactional
    public WorkerView update(long id, int expectedVersion, WorkerPatch patch, Caller caller, StationScope scope) {
        HardshipFile file = visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
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
            Station station = stationInScope(patch.stationCode(), scope);
            file.stationCode = station.code;
            file.stationPath = station.path;
            changed.add("stationCode");
        }
        if (patch.enterpriseId() != null && !patch.enterpriseId().equals(file.enterpriseId)) {
            requireEnterprise(patch.enterpriseId());
            file.enterpriseId = patch.enterpriseId();
            changed.add("enterpriseId");
        }
        if (patch.migrantWorker() != null || patch.labourRelationSince() != null) {
            boolean migrant = patch.migrantWorker() != null ? patch.migrantWorker() : file.migrantWorker;
            LocalDate since = patch.labourRelationSince() != null ? patch.labourRelationSince() : file.labourRelationSince;
            requireMigrantRelation(migrant, since);
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
        StoredHousehold household = household(file);
        if (patch.household() != null || patch.accident() != null) {
            HouseholdInput input = patch.household() != null ? patch.household() : asInput(household);
            Accident accident = patch.accident() != null ? accident(patch.accident()) : household.accident();
            household = assess(input, household.members(), accident);
            store(file, household);
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
            } catch (jakarta.persistence.OptimisticLockException e) {
                throw new ProblemException(412, "stale-version");
            }
            journal.event(file.id, caller.subject(), "UPDATED", null, null, null, changed);
            publish(file);
        }
        return answer(file, caller, household, "UPDATE");
    }

    @Transactional
    public WorkerView transition(long id, Transition request, Caller caller, StationScope scope) {
        HardshipFile file = visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        FileStatus from = file.status;
        FileStatus to = request.to();
        if (!TRANSITIONS.getOrDefault(from, Set.of()).contains(to)) {
            throw ProblemException.conflict("illegal-transition", from, to);
        }
        if (to != FileStatus.CANCELLED && !caller.is(Roles.REVIEWER)) {
            throw new ProblemException(403, "reviewer-decides");
        }
        Instant now = Instant.now();
        switch (to) {
            case ACTIVE -> {
                if (file.createdBy.equals(caller.subject())) {
                    throw new ProblemException(403, "maker-checker");
                }
                requireChecksPassed(file);
                file.activatedAt = now;
                file.lastReviewedAt = now;
                file.nextReviewDue = LocalDate.now(ZONE).plusYears(1);
            }
            case EXITED -> {
                if (request.exitReason() == null) {
                    throw ProblemException.invalid("exitReason", "required to exit a file");
                }
                file.exitReason = request.exitReason();
                file.closedAt = now;
            }
            case REJECTED, CANCELLED -> {
                if (request.reason() == null || request.reason().isBlank()) {
                    throw ProblemException.invalid("reason", "required to " + (to == FileStatus.REJECTED ? "reject" : "cancel") + " a file");
                }
                file.closedAt = now;
            }
            default -> throw ProblemException.conflict("illegal-transition", from, to);
        }
        file.status = to;
        file.statusReasonEnc = cipher.sealText(request.reason(), SealedColumns.STATUS_REASON);
        file.updatedAt = now;
        try {
            em.flush();
        } catch (PersistenceException e) {
            // TEMPORARY -> ACTIVE while another open file has appeared for the same ID number.
            throw ProblemException.conflict(DUPLICATE);
        }
        journal.event(file.id, caller.subject(), "TRANSITION", from, to, request.reason(), List.of());
        publish(file);
        return answer(file, caller, household(file), "TRANSITION");
    }

    @Transactional
    public CheckView recordCheck(long id, NewCheck check, Caller caller, StationScope scope) {
        HardshipFile file = visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (file.status != FileStatus.PENDING && file.status != FileStatus.TEMPORARY) {
            throw ProblemException.conflict("checks-closed", file.status);
        }
        if (check.step() == CheckStep.HOME_VISIT && check.passed() && !Boolean.TRUE.equals(check.consentSigned())) {
            throw ProblemException.invalid("consentSigned", "a passed home visit needs the worker's signed consent to the means check");
        }
        Instant now = Instant.now();
        NewCheck recorded = check;
        if (check.step() == CheckStep.PUBLIC_NOTICE) {
            // A notice starts when it is recorded, by the server's clock: it cannot be back-dated.
            LocalDate start = now.atZone(ZONE).toLocalDate();
            LocalDate end = start.plusDays(config.files().publicNoticeDays());
            if (check.noticeStart() != null && !check.noticeStart().equals(start)) {
                throw ProblemException.invalid("noticeStart", "a public notice starts the day it is recorded (" + start
                        + "); leave noticeStart out");
            }
            if (check.noticeEnd() != null && !check.noticeEnd().equals(end)) {
                throw ProblemException.invalid("noticeEnd", "a public notice ends " + config.files().publicNoticeDays()
                        + " days after it starts (" + end + "); leave noticeEnd out");
            }
            if (check.objection() == null) {
                throw ProblemException.invalid("objection", "say whether the notice drew an objection");
            }
            recorded = new NewCheck(check.step(), check.passed(), check.consentSigned(), start, end, check.objection(),
                    check.note());
        }
        CheckView view = journal.check(file.id, recorded, caller.subject(), now);
        journal.event(file.id, caller.subject(), "CHECK", null, null, check.step() + (check.passed() ? " passed" : " failed"), List.of());
        return view;
    }

    /** The checks of a file; their notes can tell of an illness, so the read is journalled. */
    @Transactional
    public Optional<List<CheckView>> checks(long id, Caller caller, StationScope scope) {
        return visible(id, scope).map(file -> {
            journal.access(file.id, caller.subject(), "CHECKS", false);
            return journal.checks(file.id);
        });
    }

    /** The history of a file; its reasons are free text, so the read is journalled. */
    @Transactional
    public Optional<Page<HistoryEntry>> history(long id, String cursor, int limit, Caller caller, StationScope scope) {
        return visible(id, scope).map(file -> {
            journal.access(file.id, caller.subject(), "HISTORY", false);
            return journal.history(file.id, cursor, limit);
        });
    }

    @Transactional
    public ReviewResult review(long id, Review review, Caller caller, StationScope scope) {
        HardshipFile file = visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (file.status != FileStatus.ACTIVE) {
            throw ProblemException.conflict("review-not-active", file.status);
        }
        StoredHousehold before = household(file);
        StoredHousehold after = assessAllowingAboveLine(review.household(), before.members(), before.accident(), thisYear());
        Category category = categoryOf(after, thisYear());
        Instant now = Instant.now();
        String outcome;
        if (category != null) {
            file.category = category;
            outcome = "ELIGIBLE";
        } else {
            outcome = "ABOVE_LINE";
        }
        store(file, after);
        file.lastReviewedAt = now;
        file.nextReviewDue = LocalDate.now(ZONE).plusYears(1);
        file.updatedAt = now;
        em.flush();
        journal.event(file.id, caller.subject(), "REVIEW", null, null, outcome, review.note(), List.of("household"));
        journal.access(file.id, caller.subject(), "REVIEW", false);
        publish(file);
        return new ReviewResult(file.id, outcome, file.category, after.perCapitaMonthlyIncome(), file.nextReviewDue);
    }

    public Optional<HardshipFile> visible(long id, StationScope scope) {
        if (scope.seesNothing()) {
            return Optional.empty();
        }
        return HardshipFile.<HardshipFile>findByIdOptional(id).filter(file -> scope.covers(file.stationPath));
    }

    // --- rules -------------------------------------------------------------------------------

    private void requireChecksPassed(HardshipFile file) {
        Map<CheckStep, CheckView> checks = journal.latestChecks(file.id);
        List<String> missing = new ArrayList<>();
        for (CheckStep step : CheckStep.values()) {
            CheckView check = checks.get(step);
            if (check == null || !check.passed()) {
                missing.add(step.name());
            } else if (step == CheckStep.HOME_VISIT && !Boolean.TRUE.equals(check.consentSigned())) {
                missing.add(step.name());
            } else if (step == CheckStep.PUBLIC_NOTICE && !noticeComplete(check)) {
                missing.add(step.name());
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("checks-incomplete", String.join(", ", missing), config.files().publicNoticeDays());
        }
    }

    /**
     * A notice passes once its days have run from the day it was recorded (the server's time of the
     * record, whatever dates a client gave before notices were dated by the server) without objection.
     */
    private boolean noticeComplete(CheckView notice) {
        LocalDate started = notice.recordedAt().atZone(ZONE).toLocalDate();
        return !Boolean.TRUE.equals(notice.objection())
                && !LocalDate.now(ZONE).isBefore(started.plusDays(config.files().publicNoticeDays()));
    }

    Station stationInScope(String code, StationScope scope) {
        Station station = Station.findById(code);
        if (station == null) {
            throw ProblemException.unprocessable("unknown-station", code);
        }
        if (!scope.covers(station.path)) {
            throw new ProblemException(403, "station-out-of-scope", code);
        }
        return station;
    }

    static void requireEnterprise(Long enterpriseId) {
        if (enterpriseId != null && Enterprise.findById(enterpriseId) == null) {
            throw ProblemException.unprocessable("unknown-enterprise", enterpriseId);
        }
    }

    void requireMigrantRelation(boolean migrant, LocalDate since) {
        if (!migrant) {
            return;
        }
        if (since == null) {
            throw ProblemException.invalid("labourRelationSince", "required for a migrant worker");
        }
        if (since.isAfter(LocalDate.now(ZONE).minusMonths(config.files().migrantMonths()))) {
            throw ProblemException.unprocessable("migrant-too-recent", config.files().migrantMonths());
        }
    }

    private StoredHousehold assess(HouseholdInput input, List<Member> previous, Accident accident) {
        return assess(input, previous, accident, thisYear());
    }

    StoredHousehold assess(HouseholdInput input, List<Member> previous, Accident accident, int year) {
        StoredHousehold household = assessAllowingAboveLine(input, previous, accident, year);
        if (categoryOf(household, year) == null) {
            // the figure is not echoed: an error carries no personal data
            throw ProblemException.unprocessable("income-above-line");
        }
        return household;
    }

    private StoredHousehold assessAllowingAboveLine(HouseholdInput input, List<Member> previous, Accident accident,
                                                    int year) {
        List<Member> members = members(input.members(), previous);
        BigDecimal income = input.yearlyIncome().setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal costs = input.rigidCosts().setScale(2, RoundingMode.UNNECESSARY);
        Assessment assessment = Assessment.of(income, costs, 1 + members.size(), minimum(year), accident != null,
                config.files().accidentCostShare());
        return new StoredHousehold(members, income, costs, accident, assessment.perCapitaMonthlyIncome());
    }

    private Category categoryOf(StoredHousehold household, int year) {
        return Assessment.of(household.yearlyIncome(), household.rigidCosts(), household.size(), minimum(year),
                household.accident() != null, config.files().accidentCostShare()).category();
    }

    private static int thisYear() {
        return LocalDate.now(ZONE).getYear();
    }

    private BigDecimal minimum(int year) {
        return MinimumLivingStandard.inForce(year)
                .orElseThrow(() -> ProblemException.unprocessable("minimum-living-standard-missing", year))
                .monthlyAmount;
    }

    /** Members keep their ids across updates; new members get the next free id. */
    private static List<Member> members(List<MemberInput> input, List<Member> previous) {
        List<MemberInput> given = input == null ? List.of() : input;
        Set<Integer> known = new java.util.HashSet<>();
        int next = 1;
        if (previous != null) {
            for (Member m : previous) {
                known.add(m.id());
                next = Math.max(next, m.id() + 1);
            }
        }
        List<Member> members = new ArrayList<>();
        Set<Integer> used = new java.util.HashSet<>();
        for (MemberInput m : given) {
            Integer id = m.id() != null && known.contains(m.id()) && used.add(m.id()) ? m.id() : null;
            if (id == null) {
                id = next++;
                used.add(id);
            }
            members.add(new Member(id, m.relation(), m.name().trim(), m.birthDate(), m.student(), m.school(),
                    m.grade(), m.ill(), m.disabled()));
        }
        return members;
    }

    static Accident accident(AccidentInput input) {
        return input == null ? null : new Accident(input.date(), input.kind(), input.description());
    }

    private static HouseholdInput asInput(StoredHousehold h) {
        return new HouseholdInput(h.members().stream().map(m -> new MemberInput(m.id(), m.relation(), m.name(),
                m.birthDate(), m.student(), m.school(), m.grade(), m.ill(), m.disabled())).toList(),
                h.yearlyIncome(), h.rigidCosts());
    }

    static List<FileStatus> openStatuses() {
        return List.of(FileStatus.PENDING, FileStatus.ACTIVE, FileStatus.TEMPORARY);
    }

    private static String likePrefix(String path) {
        return path.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static boolean seesFullIdNumber(Caller caller) {
        return caller.is(Roles.REVIEWER);
    }

    // --- storage and views ---------------------------------------------------------------------

    private void store(HardshipFile file, StoredHousehold household) {
        store(file, household, thisYear());
    }

    void store(HardshipFile file, StoredHousehold household, int year) {
        file.householdSize = household.size();
        file.category = Optional.ofNullable(categoryOf(household, year)).orElse(file.category);
        try {
            file.householdEnc = cipher.encrypt(json.writeValueAsString(household), HOUSEHOLD_PURPOSE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Household is not serialisable", e);
        }
    }

    StoredHousehold household(HardshipFile file) {
        try {
            return households.readValue(cipher.decryptBytes(file.householdEnc, HOUSEHOLD_PURPOSE));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored household is unreadable", e);
        }
    }

    private String decryptId(HardshipFile file) {
        return cipher.decrypt(file.idNumberEnc, ID_PURPOSE);
    }

    /** The file as the caller may see it, its read journalled (in the caller's transaction). */
    private WorkerView answer(HardshipFile f, Caller caller, StoredHousehold h, String purpose) {
        boolean full = seesFullIdNumber(caller);
        journal.access(f.id, caller.subject(), purpose, full);
        return view(f, h, full);
    }

    /**
     * The full ID number and birth date only for reviewers; every other role gets the masked number and
     * the birth year, since the birth date is the middle of the number.
     */
    private WorkerView view(HardshipFile f, StoredHousehold h, boolean fullIdNumber) {
        String idNumber = fullIdNumber ? decryptId(f) : f.idNumberMasked;
        return new WorkerView(f.id, f.name, idNumber, f.birthYear,
                fullIdNumber ? IdNumbers.birthDate(idNumber) : null, f.sex, cipher.openText(f.phoneEnc, SealedColumns.PHONE), f.stationCode, f.stationPath, f.enterpriseId, f.migrantWorker,
                f.labourRelationSince, new HouseholdView(h.size(), h.yearlyIncome(), h.rigidCosts(), h.members()),
                f.category, h.perCapitaMonthlyIncome(), f.mainCause, f.otherCauseList(), h.accident(),
                f.status, cipher.openText(f.statusReasonEnc, SealedColumns.STATUS_REASON), f.exitReason, f.createdAt, f.createdBy, f.updatedAt, f.activatedAt,
                f.closedAt, f.lastReviewedAt, f.nextReviewDue, f.version,
                bankAccounts.of(f.id).map(account -> BankAccountView.of(account.masked())).orElse(null));
    }

    /** The file's reportable state for the other services: no name, ID number, income or health. */
    private void publish(HardshipFile f) {
        feed.append(Feed.WORKERS, f.id, feedItem(f));
    }

    Map<String, Object> feedItem(HardshipFile f) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("fileId", f.id);
        item.put("status", f.status);
        item.put("category", f.category);
        item.put("mainCause", f.mainCause);
        item.put("otherCauses", f.otherCauseList());
        item.put("stationCode", f.stationCode);
        item.put("enterpriseId", f.enterpriseId);
        item.put("migrantWorker", f.migrantWorker);
        item.put("createdOn", f.createdAt.atZone(ZONE).toLocalDate());
        item.put("activatedOn", f.activatedAt == null ? null : f.activatedAt.atZone(ZONE).toLocalDate());
        item.put("exitedOn", f.status == FileStatus.EXITED ? f.closedAt.atZone(ZONE).toLocalDate() : null);
        item.put("exitReason", f.exitReason);
        item.put("changedAt", f.updatedAt);
        return item;
    }
}
