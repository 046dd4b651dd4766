package org.delegateelection.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import org.delegateelection.api.Uploads;
import org.delegateelection.national.CongressNotice;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.system.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The national procedure over HTTP, for the Central Organization Department: the Centre's notice starts it, the
 * allocation of the seats is imported while it is being allocated, and every unit's progress is read.
 */
@RestController
@RequestMapping("/api/national/elections")
public class NationalElectionController {

    private final NationalElections national;
    private final Uploads uploads;

    public NationalElectionController(NationalElections national, Uploads uploads) {
        this.national = national;
        this.uploads = uploads;
    }

    /**
     * Starts the national procedure with the notice: 201 with its id and process instance; it then waits for the
     * allocation (the task 分配各选举单位代表名额 of the Central Organization Department).
     *
     * @throws InvalidInputException (400) naming every bad field, or {@code code} when it is used; nothing stored
     */
    @PostMapping
    public ResponseEntity<NationalElections.Started> start(@RequestBody CongressNotice notice) {
        NationalElections.Started started = national.start(notice);
        return ResponseEntity.created(URI.create("/api/national/elections/" + notice.code())).body(started);
    }

    /** The allocation as stored: its units and seats. */
    public record Allocated(int units, int seats, List<SeatAllocation.Row> rows) {
    }

    /**
     * Imports the allocation (the body, CSV or .xlsx, columns 代码, 选举单位, 名额, 女党员比例(%), 类别) as the national
     * procedure's next version, while the seats are being allocated; completing the task then starts the units.
     *
     * @throws InvalidInputException (400) with every problem by row and column; nothing stored
     * @throws org.delegateelection.system.ConflictException (409) once the units have started
     * @throws org.delegateelection.system.NotFoundException (404) for an unknown code
     */
    @PostMapping(value = "/{code}/allocation", consumes = {Uploads.CSV, Uploads.XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    public Allocated allocate(@PathVariable String code, @RequestHeader(HttpHeaders.CONTENT_TYPE) String type,
            InputStream body) throws IOException {
        SeatAllocation allocation = national.allocate(code, Uploads.tableFormat(type, null).orElseThrow(),
                uploads.read(body));
        return new Allocated(allocation.rows().size(), allocation.totalSeats(), allocation.rows());
    }

    /** The notice and every unit's progress. */
    public record Overview(CongressNotice notice, List<NationalElections.UnitProgress> units) {
    }

    /**
     * The notice and, per unit of the allocation in force, its kind, election, stage, current steps and open tasks,
     * calendar days left to the notice's deadline (Asia/Shanghai), latest quota check, whether it elected and
     * reported and whether its delegates are confirmed.
     *
     * @throws org.delegateelection.system.NotFoundException (404) for an unknown code
     */
    @GetMapping("/{code}")
    public Overview get(@PathVariable String code) {
        long id = national.idOf(code);
        return new Overview(national.notice(id), national.progress(id));
    }
}
