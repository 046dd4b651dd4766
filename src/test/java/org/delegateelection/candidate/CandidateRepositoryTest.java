package org.delegateelection.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.integrity.IntegrityChain;
import org.delegateelection.integrity.IntegrityReport;
import org.delegateelection.integrity.RecordKind;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
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
    @Import({CandidateRepository.class, ElectionRepository.class, IntegrityChain.class})
    static class RepositoryOnly {
    }

    @Autowired
    private CandidateRepository repository;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private IntegrityChain chain;

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

        CandidateRepository.Saved saved =
                repository.saveAll(electionId, List.of(li.withStatus(CandidateStatus.ELECTED), zhang), "tester", null);

        assertThat(saved).isEqualTo(new CandidateRepository.Saved(2, 0));
        assertThat(repository.findAll(electionId)).containsExactly(zhang, li);
        assertThat(jdbc.sql("select candidate_id, kind, changed_by from candidate_change order by id").query()
                .listOfRows()).extracting(row -> row.get("candidate_id") + " " + row.get("kind") + " "
                + row.get("changed_by")).containsExactly("HB-0002 CREATED tester", "HB-0001 CREATED tester");
    }

    @Test
    void updatesPeopleAlreadyPresentAndKeepsTheirStatus() {
        repository.saveAll(electionId, List.of(person("HB-0001", "张三", "city01", null)), "tester", null);
        repository.updateStatus(electionId, List.of("HB-0001"), CandidateStatus.INSPECTED, "tester");
        Candidate renamed = person("HB-0001", "张珊", "city02", null);

        CandidateRepository.Saved saved = repository.saveAll(electionId,
                List.of(renamed, person("HB-0002", "李四", "city02", FrontlineKind.FARMER)), "tester", null);

        assertThat(saved).isEqualTo(new CandidateRepository.Saved(1, 1));
        assertThat(repository.saveAll(electionId, List.of(renamed), "tester", null))
                .as("the same data again is no change").isEqualTo(new CandidateRepository.Saved(0, 0));
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
        repository.saveAll(electionId, List.of(person("HB-0001", "张三", "city01", null)), "tester", null);

        assertThat(repository.saveAll(other, List.of(person("HB-0001", "王五", "city01", null)), "tester", null)
                .created()).isEqualTo(1);
        assertThat(repository.findAll(electionId)).extracting(Candidate::name).containsExactly("张三");
        assertThat(repository.findByIds(other, List.of("HB-0001"))).extracting(Candidate::name)
                .containsExactly("王五");
    }

    @Test
    void findsOnlyTheGivenIds() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null), person("B", "乙", "city01", null),
                person("C", "丙", "city01", null)), "tester", null);

        assertThat(repository.findByIds(electionId, List.of("C", "A", "X"))).extracting(Candidate::id)
                .containsExactly("A", "C");
        assertThat(repository.findByIds(electionId, List.of())).isEmpty();
    }

    @Test
    void aListDecidedAgainIsInForceAndRemovedPeopleAreOffIt() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null), person("B", "乙", "city01", null),
                person("C", "丙", "city01", null)), "tester", null);
        repository.decide(electionId, CandidateList.SUITABLE, List.of("A", "B"), null, "tester");
        repository.decide(electionId, CandidateList.CLEARED_ARCHIVES, List.of("A"), null, "tester");

        repository.decide(electionId, CandidateList.SUITABLE, List.of("C", "B"), null, "tester");
        repository.remove(electionId, "B", "tester");

        assertThat(repository.list(electionId, "suitable")).extracting(Candidate::id).containsExactly("C");
        assertThat(repository.list(electionId, "cleared-archives")).extracting(Candidate::id).containsExactly("A");
        assertThat(repository.list(electionId, "preliminary")).isEmpty();
        assertThat(repository.findByIds(electionId, List.of("B"))).extracting(Candidate::status)
                .containsExactly(CandidateStatus.REMOVED);
        // both decisions of the list are kept
        assertThat(jdbc.sql("select count(*) from list_decision where list_name = 'suitable'").query(Integer.class)
                .single()).isEqualTo(2);
    }

    @Test
    void refusesIdsNotInTheRegistryAndChangesNothing() {
        repository.saveAll(electionId, List.of(person("A", "甲", "city01", null)), "tester", null);
        repository.decide(electionId, CandidateList.SUITABLE, List.of("A"), null, "tester");

        assertThatThrownBy(() -> repository.decide(electionId, CandidateList.SUITABLE, List.of("A", "Y", "X"), null,
                "tester"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::reason)
                        .containsExactly("人选库中没有编号为“X”的人选", "人选库中没有编号为“Y”的人选"));
        assertThatThrownBy(() -> repository.updateStatus(electionId, List.of("A", "X"), CandidateStatus.NOMINATED, "tester"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> repository.remove(electionId, "X", "tester")).isInstanceOf(InvalidInputException.class);

        assertThat(repository.list(electionId, "suitable")).extracting(Candidate::id, Candidate::status)
                .containsExactly(tuple("A", CandidateStatus.REGISTERED));
    }

    @Test
    void aDecidedListKeepsThePersonAsDecidedAndALaterListTakesTheNewVersion() {
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null)), "tester", null);
        repository.decide(electionId, CandidateList.PRELIMINARY, List.of("A"), null, "tester");
        Candidate renamed = new Candidate("A", "张珊", Gender.MALE, "汉族", LocalDate.of(1975, 2, 28),
                LocalDate.of(1999, 7, 1), true, Education.UNIVERSITY, Category.LEADING_CADRE, null, false, "企业", "无",
                "city01", true, false, true, CandidateStatus.REGISTERED);

        repository.saveAll(electionId, List.of(renamed), "tester", "身份证姓名有误，据户籍证明更正");

        assertThat(repository.list(electionId, "preliminary")).extracting(Candidate::name, Candidate::gender,
                Candidate::ethnicity, Candidate::status)
                .containsExactly(tuple("张三", Gender.FEMALE, "回族", CandidateStatus.PRELIMINARY));
        assertThat(repository.changedSinceDecision(electionId, "preliminary")).containsExactly("A");
        assertThat(repository.findAll(electionId)).extracting(Candidate::name).containsExactly("张珊");
        assertThat(jdbc.sql("select version, name, reason, changed_by from candidate_version order by version")
                .query().listOfRows()).extracting(row -> row.get("version") + " " + row.get("name") + " "
                        + row.get("reason") + " " + row.get("changed_by"))
                .containsExactly("1 张三 null tester", "2 张珊 身份证姓名有误，据户籍证明更正 tester");

        repository.decide(electionId, CandidateList.PROSPECTIVE, List.of("A"), null, "tester");
        assertThat(repository.list(electionId, "prospective")).extracting(Candidate::name).containsExactly("张珊");
        assertThat(repository.changedSinceDecision(electionId, "prospective")).isEmpty();
    }

    @Test
    void anEditOfAPersonOnADecidedListWithoutAReasonIsRefusedAndStoresNothing() {
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null), person("B", "李四", "city01", null)),
                "tester", null);
        repository.decide(electionId, CandidateList.INSPECTION, List.of("A"), null, "tester");

        assertThatThrownBy(() -> repository.saveAll(electionId, List.of(person("A", "张珊", "city01", null),
                person("B", "李斯", "city01", null), person("C", "王五", "city01", null)), "tester", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::reason)
                        .containsExactly(tuple("reason", "张三（A）已在已决定的考察对象名单中，修改其信息须说明理由")));

        assertThat(repository.findAll(electionId)).extracting(Candidate::name).containsExactly("张三", "李四");
        // the same data again is no change and needs no reason
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null)), "tester", null);
        assertThat(jdbc.sql("select count(*) from candidate_version").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aPersonOnThePrintedBallotIsChangedOnlyByACorrection() {
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null)), "tester", null);
        repository.decide(electionId, CandidateList.BALLOT, List.of("A"), null, "tester");

        assertThatThrownBy(() -> repository.saveAll(electionId, List.of(person("A", "张珊", "city01", null)),
                "tester", "更正姓名"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("张三（A）").hasMessageContaining("纠错");
        assertThat(repository.findAll(electionId)).extracting(Candidate::name).containsExactly("张三");
    }

    @Test
    void theConfirmedDelegatesCloseTheElection() {
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null)), "tester", null);
        repository.decide(electionId, CandidateList.CONFIRMED, List.of("A"), null, "tester");

        assertThatThrownBy(() -> repository.saveAll(electionId, List.of(person("A", "张珊", "city01", null)),
                "tester", "更正姓名")).isInstanceOf(ConflictException.class).hasMessage(ElectionRepository.CLOSED);
        assertThatThrownBy(() -> repository.saveAll(electionId, List.of(person("B", "李四", "city01", null)),
                "tester", null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> repository.decide(electionId, CandidateList.ELECTED, List.of(), null, "tester"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> repository.remove(electionId, "A", "tester")).isInstanceOf(ConflictException.class);
        assertThat(repository.list(electionId, "confirmed")).extracting(Candidate::name, Candidate::status)
                .containsExactly(tuple("张三", CandidateStatus.CONFIRMED));
    }

    @Test
    void theChainNamesADecidedListWhoseMembershipOrPersonWasChangedInTheDatabase() {
        repository.saveAll(electionId, List.of(person("A", "张三", "city01", null), person("B", "李四", "city01", null)),
                "tester", null);
        repository.decide(electionId, CandidateList.INSPECTION, List.of("A", "B"), null, "tester");
        repository.decide(electionId, CandidateList.PRELIMINARY, List.of("A"), null, "tester");
        long preliminary = jdbc.sql("select id from list_decision where list_name = 'preliminary'")
                .query(Long.class).single();
        assertThat(chain.verify(electionId)).extracting(IntegrityReport::records, IntegrityReport::intact)
                .containsExactly(2, true);

        jdbc.sql("insert into list_member (decision_id, candidate_id, version) values (?, 'B', 1)")
                .param(preliminary).update();
        assertThat(chain.verify(electionId).firstBroken()).extracting(IntegrityReport.Broken::seq,
                IntegrityReport.Broken::kind, IntegrityReport.Broken::reference)
                .containsExactly(2, RecordKind.LIST, Long.toString(preliminary));

        jdbc.sql("delete from list_member where candidate_id = 'B' and decision_id = ?").param(preliminary).update();
        assertThat(chain.verify(electionId).intact()).isTrue();
        jdbc.sql("update candidate_version set gender = 'MALE' where candidate_id = 'B'").update();
        assertThat(chain.verify(electionId).firstBroken()).extracting(IntegrityReport.Broken::seq,
                IntegrityReport.Broken::problem).containsExactly(1, "内容与记录时的校验值不一致，已被改动");
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
