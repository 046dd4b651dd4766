package org.delegateelection.vote;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.delegateelection.api.Uploads;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.TableFile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
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
 * {@code POST …/ballots/boxes/{box}?team=…} ({@code …/plenary-ballots/boxes/{box}}) is one counting team's entry of a
 * ballot box ({@link BallotBoxes}); the boxes of the open round and their differences are {@code GET …/ballots/boxes},
 * and the chief scrutineer settles a difference with {@code POST …/boxes/{box}/settlements}.
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
    private final CurrentUser currentUser;

    /** Reads the files within the upload limit; a settlement is the current user's. */
    public BallotController(ElectionRepository elections, BallotRounds rounds, Uploads uploads,
            CurrentUser currentUser) {
        this.currentUser = currentUser;
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
     * One counting team's entry of a ballot box of the congress's open round, sent as the request body (text/csv in
     * UTF-8, or .xlsx): {@code box} its number (in the path), {@code team} 1 (opens the box, with {@code issued}, its ballots
     * issued) or 2 (enters the same ballots to be compared), {@code round} optionally the round the counters mean.
     *
     * @return 201 with the box's state after the entry
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) with every problem of the file, each naming its row, or naming
     *                                   {@code box}, {@code team} or {@code issued}; nothing stored
     * @throws ConflictException         (409) for a box of another round, a box entered twice by one team, or team 2's
     *                                   entry of a box team 1 has not opened; nothing stored
     */
    @PostMapping(value = "/ballots/boxes/{box}", consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public BallotBoxes.Box enterBoxBody(@PathVariable("id") long electionId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, @PathVariable("box") int box,
            @RequestParam(name = "team", required = false) Integer team,
            @RequestParam(name = "issued", required = false) Integer issued,
            @RequestParam(name = "round", required = false) Integer round, InputStream body) throws IOException {
        return enterBox(electionId, Vote.CONGRESS, Uploads.tableFormat(contentType, null).orElseThrow(),
                uploads.read(body), new BoxEntry(box, team, issued, round));
    }

    /** As {@link #enterBoxBody}, for the plenary vote on the prospective candidates. */
    @PostMapping(value = "/plenary-ballots/boxes/{box}", consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public BallotBoxes.Box enterPlenaryBoxBody(@PathVariable("id") long electionId,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, @PathVariable("box") int box,
            @RequestParam(name = "team", required = false) Integer team,
            @RequestParam(name = "issued", required = false) Integer issued,
            @RequestParam(name = "round", required = false) Integer round, InputStream body) throws IOException {
        return enterBox(electionId, Vote.PLENARY, Uploads.tableFormat(contentType, null).orElseThrow(),
                uploads.read(body), new BoxEntry(box, team, issued, round));
    }

    /** As {@link #enterBoxBody}, the file uploaded as the multipart part {@code file} (.csv or .xlsx). */
    @PostMapping(value = "/ballots/boxes/{box}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public BallotBoxes.Box enterBoxUpload(@PathVariable("id") long electionId, @PathVariable("box") int box,
            @RequestParam(name = "team", required = false) Integer team,
            @RequestParam(name = "issued", required = false) Integer issued,
            @RequestParam(name = "round", required = false) Integer round, @RequestPart("file") MultipartFile file)
            throws IOException {
        return enterBox(electionId, Vote.CONGRESS, format(file), file.getBytes(), new BoxEntry(box, team, issued,
                round));
    }

    /** As {@link #enterBoxUpload}, for the plenary vote on the prospective candidates. */
    @PostMapping(value = "/plenary-ballots/boxes/{box}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public BallotBoxes.Box enterPlenaryBoxUpload(@PathVariable("id") long electionId, @PathVariable("box") int box,
            @RequestParam(name = "team", required = false) Integer team,
            @RequestParam(name = "issued", required = false) Integer issued,
            @RequestParam(name = "round", required = false) Integer round, @RequestPart("file") MultipartFile file)
            throws IOException {
        return enterBox(electionId, Vote.PLENARY, format(file), file.getBytes(), new BoxEntry(box, team, issued,
                round));
    }

    /**
     * The ballot boxes of the congress's open round: each box's ballots issued, the ballots each team read, its state
     * and every ballot the teams read differently (row, candidates, both marks, the settlement).
     *
     * @throws ElectionNotFoundException (404) for an unknown election
     * @throws InvalidInputException     (400) when no round of the congress is open
     */
    @GetMapping("/ballots/boxes")
    public BallotRounds.RoundBoxes boxes(@PathVariable("id") long electionId) {
        elections.get(electionId);
        return rounds.boxes(electionId, Vote.CONGRESS);
    }

    /** As {@link #boxes(long)}, for the plenary vote on the prospective candidates. */
    @GetMapping("/plenary-ballots/boxes")
    public BallotRounds.RoundBoxes plenaryBoxes(@PathVariable("id") long electionId) {
        elections.get(electionId);
        return rounds.boxes(electionId, Vote.PLENARY);
    }

    /**
     * What the chief scrutineer (总监票人) settles on a ballot of a box of the open round the counting teams read
     * differently, after looking at the paper ballot.
     *
     * @param row    the ballot's row in the box's entries, as the differences list it
     * @param team   whose reading stands: 1 or 2
     * @param reason why, at most 500 characters
     */
    public record Settlement(Integer row, Integer team, String reason) {
    }

    /**
     * Settles a difference of a box of the congress's open round.
     *
     * @return the box after the settlement
     * @throws ElectionNotFoundException (404) for an unknown election, NotFoundException (404) for a box the round
     *                                   does not have
     * @throws InvalidInputException     (400) naming {@code row}, {@code team} or {@code reason} (none given);
     *                                   nothing stored
     * @throws ConflictException         (409) for a difference settled already
     */
    @PostMapping("/ballots/boxes/{box}/settlements")
    public BallotBoxes.Box settle(@PathVariable("id") long electionId, @PathVariable("box") int box,
            @RequestBody Settlement settlement) {
        return settle(electionId, Vote.CONGRESS, box, settlement);
    }

    /** As {@link #settle(long, int, Settlement)}, for the plenary vote on the prospective candidates. */
    @PostMapping("/plenary-ballots/boxes/{box}/settlements")
    public BallotBoxes.Box settlePlenary(@PathVariable("id") long electionId, @PathVariable("box") int box,
            @RequestBody Settlement settlement) {
        return settle(electionId, Vote.PLENARY, box, settlement);
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
        return rounds.enter(electionId, vote, format(file), file.getBytes());
    }

    /** The query parameters of a box's entry. */
    private record BoxEntry(int box, Integer team, Integer issued, Integer round) {
    }

    private BallotBoxes.Box enterBox(long electionId, Vote vote, TableFile.Format format, byte[] content,
            BoxEntry entry) {
        elections.get(electionId);
        return rounds.enterBox(electionId, vote, format, content, entry.box(), entry.team(), entry.issued(),
                entry.round());
    }

    private BallotBoxes.Box settle(long electionId, Vote vote, int box, Settlement settlement) {
        elections.get(electionId);
        if (settlement.row() == null) {
            throw InvalidInputException.field("row", "须写明裁定的是该票箱的第几张选票（row，见差异列表）");
        }
        return rounds.settle(electionId, vote, box, settlement.row(), settlement.team(), settlement.reason(),
                currentUser.id());
    }

    private static TableFile.Format format(MultipartFile file) {
        return Uploads.tableFormat(file.getContentType(), file.getOriginalFilename())
                .orElseThrow(() -> InvalidInputException.field("file", "无法判断文件格式，请上传 .csv 或 .xlsx 文件"));
    }
}
