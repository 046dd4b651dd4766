package org.delegateelection.candidate;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.delegateelection.api.Uploads;
import org.delegateelection.candidate.CandidateImport.Format;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.security.ApiSecurity;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The candidate registry of an election over HTTP: {@code GET} lists it, {@code POST} imports a file into it (see
 * {@link CandidateImport} for formats and checks). An import is all or nothing. Files are limited to
 * {@code spring.servlet.multipart.max-file-size}, as a raw body and as an upload alike.
 */
@RestController
@RequestMapping("/api/elections/{electionId}/candidates")
public class CandidateController {

    /** The media type of an .xlsx workbook. */
    public static final String XLSX = Uploads.XLSX;

    /** The media type of CSV. */
    public static final String CSV = Uploads.CSV;

    /** The most characters of the reason for a change (the column candidate_version.reason). */
    static final int MAX_REASON = 500;

    private final CandidateRepository candidates;
    private final ElectionRepository elections;
    private final Uploads uploads;
    private final CjkFont font;
    private final CurrentUser currentUser;

    /**
     * Reads files within the upload limit; takes the characters that can be printed from the font; records changes
     * as by the caller.
     */
    public CandidateController(CandidateRepository candidates, ElectionRepository elections, Uploads uploads,
            CjkFont font, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.candidates = candidates;
        this.elections = elections;
        this.uploads = uploads;
        this.font = font;
    }

    /**
     * What an import did.
     *
     * @param electionId the election
     * @param imported   people in the file
     * @param created    of them, people new to the registry (status REGISTERED)
     * @param updated    of them, people already there whose data differ: each got a new version (the status is kept)
     * @param unchanged  of them, people already there with the same data, left as they are
     */
    public record ImportResult(long electionId, int imported, int created, int updated, int unchanged) {
    }

    /**
     * The registry: everyone with their status, removed people included, ordered by id; a caller who belongs to
     * recommending units only gets the people those units recommend.
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     */
    @GetMapping
    public List<Candidate> findAll(@PathVariable long electionId) {
        elections.get(electionId);
        Set<String> units = ApiSecurity.unitsOnly();
        return candidates.findAll(electionId).stream()
                .filter(person -> units.isEmpty()
                        || !person.centreNominee() && units.contains(person.recommendingUnit())).toList();
    }

    /**
     * The audit trail of the registry, oldest first: who created or changed which person, when, why, and each
     * field's old and new value; every change of status.
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     */
    @GetMapping("/changes")
    public List<RegistryChange> changes(@PathVariable long electionId) {
        elections.get(electionId);
        return candidates.changes(electionId);
    }

    /**
     * Imports a file sent as the request body: application/json, text/csv or .xlsx. A person on a list already
     * decided whose data the file changes needs {@code reason} (query parameter); the lists decided keep the person
     * as decided, and the change is a new version of the person.
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) with every problem of the file, or naming {@code reason} when it is
     *                                   missing for such a change; nothing is stored then
     * @throws ConflictException         (409) when the election is closed, or the file changes a person on the
     *                                   printed ballot (that takes a correction); nothing is stored then
     */
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, CSV, XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public ImportResult importBody(@PathVariable long electionId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestParam(required = false) String reason, InputStream body) throws IOException {
        elections.get(electionId);
        Format format = formatOfMediaType(contentType).orElseThrow();
        return importFile(electionId, format, uploads.read(body), reason);
    }

    /**
     * Imports a file uploaded as the multipart part {@code file}; its format comes from the part's content type,
     * or else from the file name (.json, .csv, .xlsx); {@code reason} (a part or query parameter) as for
     * {@link #importBody}.
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) with every problem of the file, or when the format is unknown
     * @throws ConflictException         (409) as for {@link #importBody}
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public ImportResult importUpload(@PathVariable long electionId, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String reason) throws IOException {
        elections.get(electionId);
        Format format = formatOfMediaType(file.getContentType())
                .or(() -> formatOfFileName(file.getOriginalFilename()))
                .orElseThrow(() -> InvalidInputException.field("file", "无法判断文件格式，请上传 .json、.csv 或 .xlsx 文件"));
        return importFile(electionId, format, file.getBytes(), reason);
    }

    private ImportResult importFile(long electionId, Format format, byte[] content, String reason) {
        List<Candidate> people = CandidateImport.of(elections.get(electionId), font::canPrint).read(format, content);
        CandidateRepository.Saved saved = candidates.saveAll(electionId, people, currentUser.id(),
                reason == null ? null : InputValues.text("reason", reason, MAX_REASON));
        return new ImportResult(electionId, people.size(), saved.created(), saved.changed(),
                people.size() - saved.created() - saved.changed());
    }

    private static Optional<Format> formatOfMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        return switch (contentType.split(";")[0].strip().toLowerCase(Locale.ROOT)) {
            case MediaType.APPLICATION_JSON_VALUE -> Optional.of(Format.JSON);
            case CSV -> Optional.of(Format.CSV);
            case XLSX -> Optional.of(Format.XLSX);
            default -> Optional.empty();
        };
    }

    private static Optional<Format> formatOfFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Optional.of(Format.JSON);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(Format.CSV);
        }
        return name.endsWith(".xlsx") ? Optional.of(Format.XLSX) : Optional.empty();
    }
}
