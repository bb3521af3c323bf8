package org.unionaid.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.common.security.Caller;
import org.unionaid.registry.config.RegistryConfig;
import org.unionaid.registry.domain.CheckStep;
import org.unionaid.registry.domain.FileStatus;
import org.unionaid.registry.domain.HardshipFile;
import org.unionaid.registry.service.view.WorkerViews.CheckView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks before approval (first review, home visit, means check, public notice) and whether they passed. */
@ApplicationScoped
public class FileChecksService {

    private final HardshipFileService files;
    private final FileJournal journal;
    private final RegistryConfig config;

    FileChecksService(HardshipFileService files, FileJournal journal, RegistryConfig config) {
        this.files = files;
        this.journal = journal;
        this.config = config;
    }

    @Transactional
    public CheckView recordCheck(long id, CheckEntry check, Caller caller, StationScope scope) {
        HardshipFile file = files.visible(id, scope).orElseThrow(() -> ProblemException.notFound("File", id));
        if (file.status != FileStatus.PENDING && file.status != FileStatus.TEMPORARY) {
            throw ProblemException.conflict("checks-closed", file.status);
        }
        if (check.step() == CheckStep.HOME_VISIT && check.passed() && !Boolean.TRUE.equals(check.consentSigned())) {
            throw ProblemException.invalid(Violation.keyed("consentSigned", "home-visit-consent"));
        }
        Instant now = Instant.now();
        CheckEntry recorded = check;
        if (check.step() == CheckStep.PUBLIC_NOTICE) {
            // A notice starts when it is recorded, by the server's clock: it cannot be back-dated.
            LocalDate start = now.atZone(FileRules.ZONE).toLocalDate();
            LocalDate end = start.plusDays(config.files().publicNoticeDays());
            if (check.noticeStart() != null && !check.noticeStart().equals(start)) {
                throw ProblemException.invalid(Violation.keyed("noticeStart", "notice-start", start));
            }
            if (check.noticeEnd() != null && !check.noticeEnd().equals(end)) {
                throw ProblemException.invalid(
                        Violation.keyed("noticeEnd", "notice-end", config.files().publicNoticeDays(), end));
            }
            if (check.objection() == null) {
                throw ProblemException.invalid(Violation.keyed("objection", "notice-objection"));
            }
            recorded = new CheckEntry(check.step(), check.passed(), check.consentSigned(), start, end, check.objection(),
                    check.note());
        }
        CheckView view = journal.check(file.id, recorded, caller.subject(), now);
        journal.event(file.id, caller.subject(), "CHECK", null, null, check.step() + (check.passed() ? " passed" : " failed"), List.of());
        return view;
    }

    /** The checks of a file; their notes can tell of an illness, so the read is journalled. */
    @Transactional
    public Optional<List<CheckView>> checks(long id, Caller caller, StationScope scope) {
        return files.visible(id, scope).map(file -> {
            journal.access(file.id, caller.subject(), "CHECKS", false);
            return journal.checks(file.id);
        });
    }

    /** 409 checks-incomplete unless the latest check of every step passed (and the notice has run its days). */
    void requireChecksPassed(HardshipFile file) {
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
        LocalDate started = notice.recordedAt().atZone(FileRules.ZONE).toLocalDate();
        return !Boolean.TRUE.equals(notice.objection())
                && !FileRules.today().isBefore(started.plusDays(config.files().publicNoticeDays()));
    }
}
