package org.unionaid.registry.service;

import org.unionaid.registry.domain.CheckStep;

import java.time.LocalDate;

/** A check before approval as staff record it, mapped from the request at the resource edge. */
public record CheckEntry(CheckStep step, Boolean passed, Boolean consentSigned, LocalDate noticeStart, LocalDate noticeEnd,
                         Boolean objection, String note) {
}
