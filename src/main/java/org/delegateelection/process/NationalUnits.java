package org.delegateelection.process;

import java.util.Date;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What {@code national-election} asks in its expressions: {@code ${nationalUnits.unitCodes(nationalElectionId)}},
 * the units of the allocation in force, for the multi-instance over the units, and
 * {@code ${nationalUnits.progressCheckAt(nationalElectionId)}}, the due date of each unit's progress check (the
 * beginning of the notice's progress check day, Asia/Shanghai), which Cockpit shows on the timer's job.
 */
@Component("nationalUnits")
public class NationalUnits {

    private final NationalElections national;

    public NationalUnits(NationalElections national) {
        this.national = national;
    }

    /** The codes of the units of the allocation in force, in its order. */
    public List<String> unitCodes(long nationalElectionId) {
        return national.unitCodes(nationalElectionId);
    }

    /** The moment of the progress check. */
    public Date progressCheckAt(long nationalElectionId) {
        return national.progressCheckAt(nationalElectionId);
    }
}
