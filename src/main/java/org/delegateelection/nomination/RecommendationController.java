package org.delegateelection.nomination;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.delegateelection.api.Uploads;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.TableFile;
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
 * The branch recommendation tallies of stage 2 over HTTP: a recommending unit uploads its branches' tallies (CSV or
 * .xlsx, see {@link TallyFile}; read as a stream, the upload limit enforced while it is read), and the deciding
 * bodies read each person's support. A recommending unit's group uploads and reads for its own unit only (the access
 * rules answer 403 otherwise).
 */
@RestController
@RequestMapping("/api/elections/{electionId}/recommendations")
public class RecommendationController {

    private final NominationRepository nominations;
    private final ElectionRepository elections;
    private final Uploads uploads;
    private final CurrentUser currentUser;

    public RecommendationController(NominationRepository nominations, ElectionRepository elections, Uploads uploads,
            CurrentUser currentUser) {
        this.nominations = nominations;
        this.elections = elections;
        this.uploads = uploads;
        this.currentUser = currentUser;
    }

    /**
     * Stores the tallies of a file sent as the request body (text/csv in UTF-8, or .xlsx): the unit's whole file or
     * one grassroots committee's, of the consultation round {@code round} (without it, the unit's round under way);
     * a committee already uploaded is replaced by the new file, which needs {@code reason}. From the second round on,
     * the file may name only people on the list the round before sent down.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException (400) with every problem of the file by row and column, nothing stored
     */
    @PostMapping(consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public NominationRepository.Upload uploadBody(@PathVariable long electionId,
            @RequestParam(name = "unit") String unitCode, @RequestParam(required = false) Integer round,
            @RequestParam(required = false) String reason, @RequestHeader(HttpHeaders.CONTENT_TYPE) String type,
            InputStream body) throws IOException {
        elections.get(electionId);
        return nominations.upload(electionId, unitCode, roundOr(electionId, unitCode, round),
                Uploads.tableFormat(type, null).orElseThrow(), uploads.stream(body), currentUser.id(), reason);
    }

    /**
     * Stores the tallies of a file uploaded as the multipart part {@code file} (its format from the part's content
     * type or the file name, .csv or .xlsx), as {@link #uploadBody}.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException (400) with every problem of the file, or naming {@code file} for another format
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public NominationRepository.Upload uploadPart(@PathVariable long electionId,
            @RequestParam(name = "unit") String unitCode, @RequestParam(required = false) Integer round,
            @RequestParam(required = false) String reason, @RequestPart("file") MultipartFile file)
            throws IOException {
        elections.get(electionId);
        TableFile.Format format = Uploads.tableFormat(file.getContentType(), file.getOriginalFilename())
                .orElseThrow(() -> InvalidInputException.field("file", "无法判断文件格式，请上传 .csv 或 .xlsx 文件"));
        try (InputStream content = file.getInputStream()) {
            return nominations.upload(electionId, unitCode, roundOr(electionId, unitCode, round), format, content,
                    currentUser.id(), reason);
        }
    }

    /**
     * The ranked support of one recommending unit ({@code unit}), or of the whole electoral unit without it, in a
     * consultation round ({@code round}; without it the round under way, {@link NominationRepository#roundUnderWay}),
     * with the list the round sent down.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException (400) naming {@code round} for a round the election does not hold
     */
    @GetMapping("/support")
    public NominationRepository.SupportReport support(@PathVariable long electionId,
            @RequestParam(name = "unit", required = false) String unitCode,
            @RequestParam(required = false) Integer round) {
        elections.get(electionId);
        return nominations.report(electionId, unitCode, roundOr(electionId, unitCode, round));
    }

    /** The round asked for, or the unit's round under way (of the furthest unit without one). */
    private int roundOr(long electionId, String unitCode, Integer round) {
        return round != null ? round : nominations.roundUnderWay(electionId, unitCode);
    }

    /**
     * The people recommended who are not in the registry, most support first, for the organization department to
     * register (a person registered with the same name and birth date in the same unit then counts as recommended).
     *
     * @throws org.delegateelection.election.ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException (400) naming {@code round} for a round the election does not hold
     */
    @GetMapping("/unregistered")
    public List<Support> unregistered(@PathVariable long electionId, @RequestParam(defaultValue = "1") int round) {
        nominations.requireRound(elections.get(electionId), round);
        return nominations.support(electionId, null, round).stream().filter(s -> !s.registered()).toList();
    }
}
