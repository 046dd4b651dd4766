package org.delegateelection.document;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ballot of a round over HTTP: {@code GET /api/elections/{id}/ballot?vote=…&round=…} as JSON and
 * {@code GET /api/elections/{id}/documents/ballot-paper.pdf?vote=…&round=…&paper=A4|A3} as the printed paper
 * ({@link BallotPaperDocument}). {@code vote} is congress (a formal round of the congress), preliminary (its
 * preliminary round) or plenary (the plenary vote on the prospective candidates); {@code round} omitted is the next
 * round to be held, a counted round is printed with its stored ballot. 404 for an unknown election, 400 naming the
 * field for a vote, round or paper that does not exist.
 */
@RestController
@RequestMapping("/api/elections/{id}")
public class BallotPaperController {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final BallotRounds ballotRounds;
    private final CjkFont font;

    /** Reads the ballots from the rounds of the votes. */
    public BallotPaperController(ElectionRepository elections, CandidateRepository candidates,
            BallotRounds ballotRounds, CjkFont font) {
        this.elections = elections;
        this.candidates = candidates;
        this.ballotRounds = ballotRounds;
        this.font = font;
    }

    /**
     * The ballot of a round as printed.
     *
     * @param title      the paper's title
     * @param seats      the seats the round fills (应选)
     * @param writeIns   true when the paper has 另选人 cells
     * @param candidates the candidates in the printed order (stroke order); a person written in on an earlier
     *                   round has the id "另选:姓名"
     */
    public record PrintedBallot(String title, int seats, boolean writeIns, List<Entry> candidates) {
        /** One candidate: the id and the name printed. */
        public record Entry(String id, String name) {
        }
    }

    /** The ballot of the round as JSON. */
    @GetMapping("/ballot")
    public PrintedBallot ballot(@PathVariable long id, @RequestParam(name = "vote") String vote,
            @RequestParam(name = "round", required = false) Integer round) {
        BallotPaperDocument.Kind kind = kind(vote);
        Ballot ballot = ballot(id, kind, round);
        List<PrintedBallot.Entry> entries = entries(id, ballot);
        BallotPaperDocument paper = paper(id, kind, ballot, entries);
        return new PrintedBallot(paper.title(), ballot.seats(), kind.writeIns(), entries);
    }

    /** The ballot paper of the round, PDF on A4 (default) or A3 pages. */
    @GetMapping("/documents/ballot-paper.pdf")
    public ResponseEntity<byte[]> ballotPaper(@PathVariable long id, @RequestParam(name = "vote") String vote,
            @RequestParam(name = "round", required = false) Integer round,
            @RequestParam(name = "paper", defaultValue = "A4") String paper) {
        BallotPaperDocument.Kind kind = kind(vote);
        PDRectangle size = switch (paper) {
            case "A4" -> PdfWriter.PORTRAIT;
            case "A3" -> PdfWriter.A3;
            default -> throw InvalidInputException.field("paper", "纸张须为 A4 或 A3");
        };
        Ballot ballot = ballot(id, kind, round);
        BallotPaperDocument document = paper(id, kind, ballot, entries(id, ballot));
        return DocumentController.download(document.pdf(font, size), MediaType.APPLICATION_PDF,
                document.title() + ".pdf", true);
    }

    private Ballot ballot(long id, BallotPaperDocument.Kind kind, Integer round) {
        elections.get(id);
        return switch (kind) {
            case CONGRESS -> ballotRounds.roundBallot(id, Vote.CONGRESS, round);
            case PRELIMINARY -> ballotRounds.preliminaryBallot(id, round);
            case PLENARY -> ballotRounds.roundBallot(id, Vote.PLENARY, round);
        };
    }

    private List<PrintedBallot.Entry> entries(long id, Ballot ballot) {
        Map<String, Candidate> people = candidates.findByIds(id, ballot.candidateIds()).stream()
                .collect(Collectors.toMap(Candidate::id, Function.identity()));
        return ballot.candidateIds().stream().map(key -> new PrintedBallot.Entry(key, people.containsKey(key)
                ? people.get(key).name() : Ballot.writtenInName(key))).toList();
    }

    private BallotPaperDocument paper(long id, BallotPaperDocument.Kind kind, Ballot ballot,
            List<PrintedBallot.Entry> entries) {
        return new BallotPaperDocument(elections.get(id).name(), kind,
                entries.stream().map(PrintedBallot.Entry::name).toList(), ballot.seats());
    }

    private static BallotPaperDocument.Kind kind(String vote) {
        return Arrays.stream(BallotPaperDocument.Kind.values()).filter(k -> k.key().equals(vote)).findFirst()
                .orElseThrow(() -> InvalidInputException.field("vote", "须为 congress（正式选举）、preliminary（预选）"
                        + "或 plenary（全委会表决预备人选）"));
    }
}
