package org.delegateelection.quota;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.candidate.Category;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.candidate.Gender;

/** Builds candidates and lists of candidates for tests, with counts fixed by hand. */
public final class People {

    /** The date ages are counted on in the tests. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2022, 6, 30);

    private People() {
    }

    /** One person: a Han man, 60 on the reference date, full member, university, leading cadre (厅局级), city01. */
    public static Person person(String id) {
        return new Person(id);
    }

    /** A list of {@code size} people whose traits are given as counts. */
    public static Roster roster(int size) {
        return new Roster(size);
    }

    /** A fluent builder of one candidate. */
    public static final class Person {
        private final String id;
        private String name;
        private Gender gender = Gender.MALE;
        private String ethnicity = Candidate.HAN;
        private LocalDate birthDate = REFERENCE_DATE.minusYears(60);
        private LocalDate joinedPartyOn = LocalDate.of(1990, 7, 1);
        private boolean fullMember = true;
        private Education education = Education.UNIVERSITY;
        private Category category = Category.LEADING_CADRE;
        private FrontlineKind frontlineKind;
        private boolean migrantWorker;
        private String level = "厅局级";
        private String unit = "city01";
        private boolean npcDeputy;
        private boolean cppccMember;
        private boolean honour;

        private Person(String id) {
            this.id = id;
            this.name = "人选" + id;
        }

        public Person name(String value) {
            name = value;
            return this;
        }

        public Person woman() {
            gender = Gender.FEMALE;
            return this;
        }

        public Person ethnicity(String value) {
            ethnicity = value;
            return this;
        }

        /** Age in whole years on the reference date. */
        public Person age(int years) {
            birthDate = REFERENCE_DATE.minusYears(years);
            return this;
        }

        public Person born(LocalDate value) {
            birthDate = value;
            return this;
        }

        public Person joined(LocalDate value) {
            joinedPartyOn = value;
            return this;
        }

        public Person probationary() {
            fullMember = false;
            return this;
        }

        public Person education(Education value) {
            education = value;
            return this;
        }

        /** A frontline person of the kind, with no rank. */
        public Person frontline(FrontlineKind kind) {
            category = Category.FRONTLINE;
            frontlineKind = kind;
            level = "无";
            return this;
        }

        public Person category(Category value) {
            category = value;
            return this;
        }

        public Person frontlineKind(FrontlineKind value) {
            frontlineKind = value;
            return this;
        }

        public Person migrantWorker() {
            migrantWorker = true;
            return this;
        }

        public Person level(String value) {
            level = value;
            return this;
        }

        public Person unit(String value) {
            unit = value;
            return this;
        }

        public Person npcDeputy() {
            npcDeputy = true;
            return this;
        }

        public Person cppccMember() {
            cppccMember = true;
            return this;
        }

        public Person honour() {
            honour = true;
            return this;
        }

        public Candidate build() {
            return new Candidate(id, name, gender, ethnicity, birthDate, joinedPartyOn, fullMember, education,
                    category, frontlineKind, migrantWorker, "机关", level, unit, npcDeputy, cppccMember, honour,
                    CandidateStatus.NOMINATED);
        }
    }

    /**
     * A list built from counts: the first {@code leadingCadres} people are leading cadres, the rest frontline
     * (workers first, then farmers, then professional technicians, the rest "other"); the first {@code women} are
     * women, the first {@code minorities} are 回族, the first {@code under55} are 45, the others 60; the first
     * {@code npcDeputies} are NPC deputies.
     */
    public static final class Roster {
        private final int size;
        private int leadingCadres;
        private int workers;
        private int farmers;
        private int technicians;
        private int women;
        private int minorities;
        private int under55;
        private int npcDeputies;

        private Roster(int size) {
            this.size = size;
            this.leadingCadres = size;
        }

        public Roster leadingCadres(int count) {
            leadingCadres = count;
            return this;
        }

        public Roster workers(int count) {
            workers = count;
            return this;
        }

        public Roster farmers(int count) {
            farmers = count;
            return this;
        }

        public Roster technicians(int count) {
            technicians = count;
            return this;
        }

        public Roster women(int count) {
            women = count;
            return this;
        }

        public Roster minorities(int count) {
            minorities = count;
            return this;
        }

        public Roster under55(int count) {
            under55 = count;
            return this;
        }

        public Roster npcDeputies(int count) {
            npcDeputies = count;
            return this;
        }

        public List<Candidate> build() {
            List<Candidate> people = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Person person = person(String.format("P%03d", i + 1));
                int j = i - leadingCadres;
                if (j >= 0) {
                    person.frontline(j < workers ? FrontlineKind.WORKER
                            : j < workers + farmers ? FrontlineKind.FARMER
                            : j < workers + farmers + technicians ? FrontlineKind.PROFESSIONAL_TECHNICIAN
                            : FrontlineKind.OTHER);
                }
                if (i < women) {
                    person.woman();
                }
                if (i < minorities) {
                    person.ethnicity("回族");
                }
                person.age(i < under55 ? 45 : 60);
                if (i < npcDeputies) {
                    person.npcDeputy();
                }
                people.add(person.build());
            }
            return people;
        }
    }
}
