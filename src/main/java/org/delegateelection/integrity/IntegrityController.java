package org.delegateelection.integrity;

import org.delegateelection.election.ElectionRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The state of an election's chain of records over HTTP (the Cockpit audit view shows it). */
@RestController
public class IntegrityController {

    private final IntegrityChain chain;
    private final ElectionRepository elections;

    public IntegrityController(IntegrityChain chain, ElectionRepository elections) {
        this.chain = chain;
        this.elections = elections;
    }

    /**
     * Recomputes the chain of the election's decided lists, quota reports, counted rounds and corrections from the
     * stored rows, and names the first record that does not match.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException (404) for an unknown election
     */
    @GetMapping("/api/elections/{electionId}/integrity")
    public IntegrityReport integrity(@PathVariable long electionId) {
        elections.get(electionId);
        return chain.verify(electionId);
    }
}
