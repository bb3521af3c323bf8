package org.unionaid.disbursement.service;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk enrolment file, read whole before anything is applied: {@code idNumber,name,premium,paidBy} with that header
 * (premium may be empty: the plan's). A file that cannot be read whole (bytes not valid in its charset, a line with
 * another number of fields, an unclosed quote, no header, no line, over {@value #MAX_LINES} lines) is a 400 naming the
 * line; a line that reads but does not pass (an ID number with a wrong check character, a bad premium) is refused on
 * its own by {@link Enrolments}. UTF-8 unless the request names GBK; a UTF-8 byte-order mark is allowed.
 */
public final class EnrolmentFile {

    public static final List<String> HEADER = List.of("idNumber", "name", "premium", "paidBy");
    public static final int MAX_LINES = 20_000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private EnrolmentFile() {
    }

    public static List<Enrolments.Line> parse(byte[] body, Charset charset) {
        String text = CsvText.decode(body, charset, "enrolment-file-encoding");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Enrolments.Line> lines = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(new StringReader(text), FORMAT)) {
            for (CSVRecord record : csv) {
                int line = (int) record.getRecordNumber();
                if (line == 1) {
                    if (!HEADER.equals(record.toList().stream().map(String::trim).toList())) {
                        throw CsvText.problem(400, "enrolment-file-header", 1);
                    }
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (lines.size() == MAX_LINES) {
                    throw CsvText.problem(400, "enrolment-file-too-long", line, MAX_LINES);
                }
                if (record.size() != HEADER.size()) {
                    throw CsvText.problem(400, "enrolment-line-malformed", line);
                }
                lines.add(new Enrolments.Line(line, record.get(0), record.get(1), record.get(2), record.get(3)));
            }
        } catch (IOException | UncheckedIOException e) {
            // An unclosed quote: the file ends inside a line.
            throw CsvText.problem(400, "enrolment-file-truncated", CsvText.lineOf(text, text.length() - 1));
        }
        if (lines.isEmpty()) {
            throw CsvText.problem(400, "enrolment-file-empty", 2);
        }
        return lines;
    }
}
