package org.unionaid.registry.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.registry.rest.ImportDtos.ImportItem;
import org.unionaid.registry.service.ImportedFile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A legacy import's items as the service's files. Each item is validated on its own (the batch is not @Valid as a
 * whole): an invalid item is refused by index in the answer, the others are imported.
 */
@ApplicationScoped
public class ImportMapping {

    private final Validator validator;

    ImportMapping(Validator validator) {
        this.validator = validator;
    }

    public List<ImportedFile.Line> lines(List<ImportItem> items) {
        return items.stream().map(this::line).toList();
    }

    private ImportedFile.Line line(ImportItem item) {
        if (item == null) {
            return ImportedFile.Line.refused(ProblemException.invalid(Violation.keyed("item", "import-item-missing")));
        }
        Set<ConstraintViolation<ImportItem>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            String detail = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            return ImportedFile.Line.refused(
                    ProblemException.invalid(Violation.keyed("item", "import-item-fields", detail)));
        }
        return ImportedFile.Line.of(new ImportedFile(WorkerMapping.entry(item.asNewWorker()), item.status(),
                item.createdAt(), item.activatedAt(), item.exitedAt(), item.exitReason()));
    }
}
