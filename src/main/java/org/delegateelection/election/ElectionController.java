package org.delegateelection.election;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/elections}: start an election unit's procedure. */
@RestController
@RequestMapping("/api/elections")
public class ElectionController {

    private final ElectionService service;

    public ElectionController(ElectionService service) {
        this.service = service;
    }

    /** 201 with the election id and process instance id; 400 with every bad field. */
    @PostMapping
    public ResponseEntity<ElectionService.StartedElection> start(@RequestBody ElectionRequest request) {
        ElectionService.StartedElection started = service.start(request);
        return ResponseEntity.created(URI.create("/api/elections/" + started.electionId())).body(started);
    }
}
