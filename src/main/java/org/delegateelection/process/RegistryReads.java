package org.delegateelection.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.procedure.Step;

/**
 * What one listener call (a task's completion, or the preparation of a task's form) reads of an election's registry,
 * each read at most once: a list as decided, the whole registry, people by id (taken from what was already read where
 * they are in it). Not shared between calls, and {@link #written()} forgets everything once the caller has written.
 */
final class RegistryReads {

    private final CandidateRepository candidates;
    private final long electionId;
    private final Map<CandidateList, List<Candidate>> lists = new EnumMap<>(CandidateList.class);
    private List<Candidate> registry;
    private List<Candidate> ownUnit;

    RegistryReads(CandidateRepository candidates, long electionId) {
        this.candidates = candidates;
        this.electionId = electionId;
    }

    /** The people on the list who have not been removed, ordered by id with their data now (as {@link CandidateRepository#currentPeopleOn}). */
    List<Candidate> list(CandidateList list) {
        return lists.computeIfAbsent(list, l -> candidates.currentPeopleOn(electionId, l.key()));
    }

    /** Everyone in the registry, removed people included, ordered by id. */
    List<Candidate> registry() {
        if (registry == null) {
            registry = candidates.findAll(electionId);
        }
        return registry;
    }

    /**
     * The people a step chooses from or its form shows ({@link Step#shows()}, {@link Step#showsOwnUnit()}): for a
     * recommending unit its own people in the registry who have not been removed, otherwise the list the step shows;
     * {@code null} for a step that shows no list.
     */
    List<Candidate> pool(Step step, String unitCode) {
        if (step.showsOwnUnit()) {
            if (ownUnit == null) {
                ownUnit = registry != null ? registry.stream()
                        .filter(c -> unitCode.equals(c.recommendingUnit()) && c.status() != CandidateStatus.REMOVED)
                        .toList() : candidates.findOfUnit(electionId, unitCode);
            }
            return ownUnit;
        }
        return step.shows() == null ? null : list(step.shows());
    }

    /**
     * The people with these ids who are in the registry (as {@link CandidateRepository#findByIds}), in no particular
     * order; only those not among the people already read are read.
     */
    List<Candidate> findByIds(Collection<String> ids) {
        Map<String, Candidate> known = new HashMap<>();
        if (registry != null) {
            registry.forEach(c -> known.put(c.id(), c));
        }
        lists.values().forEach(people -> people.forEach(c -> known.putIfAbsent(c.id(), c)));
        if (ownUnit != null) {
            ownUnit.forEach(c -> known.putIfAbsent(c.id(), c));
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<String> missing = wanted.stream().filter(id -> !known.containsKey(id)).toList();
        Map<String, Candidate> found = new HashMap<>();
        wanted.stream().filter(known::containsKey).forEach(id -> found.put(id, known.get(id)));
        candidates.findByIds(electionId, missing).forEach(c -> found.put(c.id(), c));
        return new ArrayList<>(found.values());
    }

    /** Forgets what was read: the caller has changed the registry or a list. */
    void written() {
        lists.clear();
        registry = null;
        ownUnit = null;
    }
}
