-- The branch recommendation tallies summed at ingest (decision 0037). Portable SQL: runs on H2 (embedded default) and
-- PostgreSQL.
--
-- An upload writes its rows (V12) and then, in the same transaction, sums them by INSERT ... SELECT ... GROUP BY:
-- each grassroots committee's participation and each committee's support per person, both by file and never changed,
-- like the rows they sum. The support of a unit in a round, summed over its committees in force, is derived from them
-- and written again at each upload of the unit (recommendation_unit_support); the raw rows are read by no figure.

create table recommendation_committee_figures (
    file_id              bigint       not null,
    committee            varchar(200) not null,
    branches             integer      not null,
    branches_taking_part integer      not null,
    members              bigint       not null,
    taking_part          bigint       not null,
    primary key (file_id, committee),
    foreign key (file_id, committee) references recommendation_committee (file_id, committee)
);

-- a person is the registry id, or, for a person not in the registry, name with birth date or workplace
create table recommendation_committee_support (
    file_id      bigint       not null,
    committee    varchar(200) not null,
    candidate_id varchar(64),
    person_name  varchar(100),
    birth_date   date,
    workplace    varchar(200),
    branches     integer      not null,
    votes        bigint       not null,
    foreign key (file_id, committee) references recommendation_committee (file_id, committee)
);

create index recommendation_committee_support_file on recommendation_committee_support (file_id, committee);

create table recommendation_unit_support (
    election_id  bigint       not null,
    unit_code    varchar(64)  not null,
    round        integer      not null,
    candidate_id varchar(64),
    person_name  varchar(100),
    birth_date   date,
    workplace    varchar(200),
    branches     bigint       not null,
    votes        bigint       not null,
    foreign key (election_id, unit_code) references recommending_unit (election_id, code)
);

create index recommendation_unit_support_round on recommendation_unit_support (election_id, round, unit_code);

insert into recommendation_committee_figures (file_id, committee, branches, branches_taking_part, members,
        taking_part)
    select file_id, committee, count(*), sum(case when taking_part > 0 then 1 else 0 end), sum(members),
        sum(taking_part)
    from recommendation_branch
    group by file_id, committee;

insert into recommendation_committee_support (file_id, committee, candidate_id, person_name, birth_date, workplace,
        branches, votes)
    select v.file_id, b.committee, v.candidate_id, v.person_name, v.birth_date, v.workplace, count(*), sum(v.votes)
    from recommendation_vote v
    join recommendation_branch b on b.file_id = v.file_id and b.branch = v.branch
    group by v.file_id, b.committee, v.candidate_id, v.person_name, v.birth_date, v.workplace;

insert into recommendation_unit_support (election_id, unit_code, round, candidate_id, person_name, birth_date,
        workplace, branches, votes)
    select r.election_id, r.unit_code, r.round, s.candidate_id, s.person_name, s.birth_date, s.workplace,
        sum(s.branches), sum(s.votes)
    from recommendation_in_force r
    join recommendation_committee_support s on s.file_id = r.file_id and s.committee = r.committee
    group by r.election_id, r.unit_code, r.round, s.candidate_id, s.person_name, s.birth_date, s.workplace;
