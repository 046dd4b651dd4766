package org.delegateelection.nomination;

import java.time.LocalDate;

/**
 * A person recommended: by registry id, or, not yet in the registry, by name with birth date or workplace.
 *
 * @param candidateId the registry id, or {@code null}
 * @param name        the name (the registered name for a person of the registry)
 * @param birthDate   for a person not in the registry, the birth date if given
 * @param workplace   for a person not in the registry, the workplace (工作单位) if given
 */
public record Person(String candidateId, String name, LocalDate birthDate, String workplace) {

    /** What tells two people apart within a branch: the id, or name, birth date and workplace. */
    String key() {
        return candidateId != null ? "id:" + candidateId : name + "|" + birthDate + "|" + workplace;
    }

    /** The person as a reader names them: "姓名（编号）", or the name with the birth date or workplace. */
    public String label() {
        if (candidateId != null) {
            return (name == null ? "" : name) + "（" + candidateId + "）";
        }
        return name + "（" + (birthDate != null ? birthDate + "出生" : workplace) + "）";
    }
}
