package org.delegateelection.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@JdbcTest
class CandidateRepositoryTest {

    /**
     * Stands in for the application class, whose {@code @EnableProcessApplication} needs the whole engine: the JDBC
     * slice gets the data source, Flyway and the repository only.
     */
    @Configuration(proxyBeanMethods = false)
    @Import(CandidateRepository.class)
    static class RepositoryOnly {

        /** Without the engine: every change is recorded as made by {@code tester}. */
        @Bean
        CurrentUser currentUser() {
            return new CurrentUser(null) {
                @Override
                public String id() {
                    return "tester";
                }
            };
        }
    }

    @Autowired
    private CandidateRepository repository;

    @Autowired
    private JdbcClient jdbc;

    private long electionId;

    @BeforeEach
    void insertElectionWithUnits() {
        electionId = insertElection("hubei");
        insertUnit(electionId, "city01");
        insertUnit(electionId, "city02");
    }

    @Test
    void storesNewPeopleAsRegisteredAndReadsThemBack() {
        Candidate zhang = person("HB-0001", "张三", "city01", null);
        Candidate li = person("HB-0002", "李四", "city02", FrontlineKind.WORKER);

        int created = repository.saveAll(electionId, List.of(li.withStatus(CandidateStatus.ELECTED), zhang), "tester");

        assertThat(created).isEqualTo(2);
        assertThat(repository.findAll(electionId)).containsExactly(zhang, li);
        assertThat(jdbc.sql("select candidate_id, kind, changed_by from candidate_change order by id").query()
                .listOfRows()).extracting(row -> row.get("candidate_id") + " " + row.get("kind") + " "
                + row.get("changed_by")).containsExactly("HB-0002 CREATED tester", "HB-0001 CREATED tester");
    }

    @Test
    void updatesPeopleAlreadyPresentAndKeepsTheirStatus() {
        repository.saveAll(electionId, List.of(person("HB-0001", "张三", "city01", null)), "tester");
        repository.updateStatus(electionId, List.of("HB-0001"), CandidateStatus.INSPECTED, "tester");
        Candidate renamed = person("HB-0001", "张珊", "city02", null);

        int created = repository.saveAll(electionId,
                List.of(renamed, person("HB-0002", "李四", "city02", FrontlineKind.FARMER)), "tester");

        assertThat(created).isEqualTo(1);
        assertThat(repository.findByIds(electionId, List.of("HB-0001", "HB-0002")))
                .extracting(Candidate::id, Candidate::name, Candidate::recommendingUnit, Candidate::status)
                .containsExactly(
                        tuple("HB-0001", "张珊", "city02", CandidateStatus.INSPECTED),
                        tuple("HB-0002", "李四", "city02", CandidateStatus.REGISTERED));
    }

    @Test
    void keepsTheRegistriesOfElectionsApart() {
        long other = insertElection("sichuan");
        insertUnit(other, "city01");
        repository.saveAll(electionId, List.of(person("HB-0001", "张三", "city01", null)), "tester");

        assertThat(repository.saveAll(other, List.of(person("HB-0001", "王五", "city01", null)), "tester")).isEqualTo(1);
        assertThat(repository.findAll(electionId)).extracting(Candidate::name).containsExactly("张三");
        assertThat(repository.findByIds(other, List.of("HB-0001"))).extracting(Candidate::name)
                .containsExactly("王五");
    }

    @Test
    void findsOnlyTheGivenIds() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null), person("B", "乙", "city01", null),
                person("C", "丙", "city01", null)), "tester");

        assertThat(repository.findByIds(electionId, List.of("C", "A", "X"))).extracting(Candidate::id)
                .containsExactly("A", "C");
        assertThat(repository.findByIds(electionId, List.of())).isEmpty();
    }

    @Test
    void replacesAListWholeAndLeavesRemovedPeopleOff() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null), person("B", "乙", "city01", null),
                person("C", "丙", "city01", null)), "tester");
        repository.replaceList(electionId, "nominees", List.of("A", "B"));
        repository.replaceList(electionId, "inspection", List.of("A"));

        repository.replaceList(electionId, "nominees", List.of("C", "B"));
        repository.remove(electionId, "B", "tester");

        assertThat(repository.list(electionId, "nominees")).extracting(Candidate::id).containsExactly("C");
        assertThat(repository.list(electionId, "inspection")).extracting(Candidate::id).containsExactly("A");
        assertThat(repository.list(electionId, "preliminary")).isEmpty();
        assertThat(repository.findByIds(electionId, List.of("B"))).extracting(Candidate::status)
                .containsExactly(CandidateStatus.REMOVED);
    }

    @Test
    void refusesIdsNotInTheRegistryAndChangesNothing() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null)), "tester");
        repository.replaceList(electionId, "nominees", List.of("A"));

        assertThatThrownBy(() -> repository.replaceList(electionId, "nominees", List.of("A", "Y", "X")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::reason)
                        .containsExactly("人选库中没有编号为“X”的人选", "人选库中没有编号为“Y”的人选"));
        assertThatThrownBy(() -> repository.updateStatus(electionId, List.of("A", "X"), CandidateStatus.NOMINATED, "tester"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repository.remove(electionId, "X", "tester")).isInstanceOf(InvalidInputException.class);

        assertThat(repository.list(electionId, "nominees")).extracting(Candidate::id, Candidate::status)
                .containsExactly(tuple("A", CandidateStatus.REGISTERED));
    }

    private long insertElection(String code) {
        jdbc.sql("""
                insert into election (code, name, seats, nominee_quota, min_preliminary, women_member_share,
                    min_minorities, leading_cadre_target, frontline_target, min_women_nominees, min_under55_nominees,
                    age_reference_date, centre_nominees_in_addition)
                values (:code, '测试选举单位', 69, 90, 80, 0.2900, 2, 51, 39, 27, 45, date '2022-06-01', true)""")
                .param("code", code).update();
        return jdbc.sql("select id from election where code = :code").param("code", code).query(Long.class).single();
    }

    private void insertUnit(long election, String code) {
        jdbc.sql("insert into recommending_unit (election_id, code, name, nominee_quota) values (:e, :code, :code, 5)")
                .param("e", election).param("code", code).update();
    }

    static Candidate person(String id, String name, String unit, FrontlineKind kind) {
        return new Candidate(id, name, Gender.FEMALE, "回族", LocalDate.of(1975, 2, 28), LocalDate.of(1999, 7, 1),
                true, Education.UNIVERSITY, kind == null ? Category.LEADING_CADRE : Category.FRONTLINE, kind,
                kind == FrontlineKind.WORKER, "企业", "无", unit, true, false, true, CandidateStatus.REGISTERED);
    }
}
