package org.delegateelection.vote;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.delegateelection.api.Uploads;
import org.delegateelection.election.ElectionRepository;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The ballots of the two votes over HTTP. {@code POST /api/elections/{id}/ballots} enters the ballots of the next
 * round at the congress (step 23, or its preliminary round), {@code POST /api/elections/{id}/plenary-ballots} those
 * of the plenary vote on the prospective candidates (step 20), from a file ({@link BallotSheet} describes the format),
 * kept added up only; the completion of the voting task then names the batch ({@code ballotBatchId}).
 * {@code GET /api/elections/{id}/ballot-rounds} and {@code …/plenary-rounds} list the counted rounds. Files are
 * limited to {@code spring.servlet.multipart.max-file-size}, held in memory (the multipart threshold for writing a
 * part to disk is the request size limit, which no accepted part reaches) and read row by row within the limits of
 * {@link BallotSheet} (ballots, columns).
 */
@RestController
@RequestMapping("/api/elections/{id}")
public class BallotController {

    private final ElectionRepository elections;
    private final BallotRounds rounds;
    private final Uploads uploads;

    /** Reads the files within the upload limit. */
    public BallotController(ElectionRepository elections, BallotRounds rounds, Uploads uploads) {
        this.elections = elections;
        this.rounds = rounds;
        this.uploads = uploads;
    }

    /**
     * Enters ballots of the congress sent as the request body, text/csv (UTF-8) or .xlsx.
     *
     * @return 201 with the batch's id and counts
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) with every problem of the file, each naming its row, or when no round
     *                                   of the congress is open; nothing stored
     */
    @PostMapping(value = "/ballots", consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public BallotRounds.EnteredBatch enterBody(@PathVariable("id") long electionId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        return enterBody(electionId, Vote.CONGRESS, contentType, body);
    }

    /** As {@link #enterBody(long, String, InputStream)}, for the plenary vote on the prospective candidates. */
    @PostMapping(value = "/plenary-ballots", consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public BallotRounds.EnteredBatch enterPlenaryBody(@PathVariable("id") long electionId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) throws IOException {
        return enterBody(electionId, Vote.PLENARY, contentType, body);
    }

    /**
     * Enters ballots of the congress uploaded as the multipart part {@code file} (.csv or .xlsx, by content type or
     * file name).
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) with every problem of the file, or when its format is unknown
     */
    @PostMapping(value = "/ballots", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public BallotRounds.EnteredBatch enterUpload(@PathVariable("id") long electionId,
            @RequestPart("file") MultipartFile file) throws IOException {
        return enterUpload(electionId, Vote.CONGRESS, file);
    }

    /** As {@link #enterUpload(long, MultipartFile)}, for the plenary vote on the prospective candidates. */
    @PostMapping(value = "/plenary-ballots", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public BallotRounds.EnteredBatch enterPlenaryUpload(@PathVariable("id") long electionId,
            @RequestPart("file") MultipartFile file) throws IOException {
        return enterUpload(electionId, Vote.PLENARY, file);
    }

    /**
     * The counted rounds of the congress, in order, each with its ballot, tally, outcome and marks.
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     */
    @GetMapping("/ballot-rounds")
    public List<BallotRounds.StoredRound> rounds(@PathVariable("id") long electionId) {
        elections.get(electionId);
        return rounds.rounds(electionId, Vote.CONGRESS);
    }

    /** As {@link #rounds(long)}, for the plenary vote on the prospective candidates. */
    @GetMapping("/plenary-rounds")
    public List<BallotRounds.StoredRound> plenaryRounds(@PathVariable("id") long electionId) {
        elections.get(electionId);
        return rounds.rounds(electionId, Vote.PLENARY);
    }

    private BallotRounds.EnteredBatch enterBody(long electionId, Vote vote, String contentType, InputStream body)
            throws IOException {
        elections.get(electionId);
        byte[] content = uploads.read(body);
        return rounds.enter(electionId, vote, Uploads.tableFormat(contentType, null).orElseThrow(), content);
    }

    private BallotRounds.EnteredBatch enterUpload(long electionId, Vote vote, MultipartFile file) throws IOException {
        elections.get(electionId);
        TableFile.Format format = Uploads.tableFormat(file.getContentType(), file.getOriginalFilename())
                .orElseThrow(() -> InvalidInputException.field("file", "无法判断文件格式，请上传 .csv 或 .xlsx 文件"));
        return rounds.enter(electionId, vote, format, file.getBytes());
    }
}
