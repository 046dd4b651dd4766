-- The branch recommendation tallies summed at ingest (decision 0037). Portable SQL: runs on H2 (embedded default) and
-- PostgreSQL.
--
-- An upload writes its rows (V12) and then, in the same transaction, sums them by INSERT ... SELECT ... GROUP BY:
-- each grassroots committee's participation and each committee's support per person, both by file and never changed,
-- like the rows they sum. The support of a unit in a round, summed over its committees in force, is derived from them
-- and written again at each upload of the unit (recommendation_unit_support); the raw rows are read by no figure.

-- The votes with their branch's committee, so that a file's votes are summed by committee without a join, and without
-- foreign keys: the check of the key to their branch, row by row, took three quarters of the time of writing them
-- (2 million rows: a province's). Each vote's branch and committee are the upload's check (one checked file, written
-- in one transaction); votes are read by file only (the sums), hence the index by file.
alter table recommendation_vote rename to recommendation_vote_v12;

create table recommendation_vote (
    file_id      bigint       not null,
    committee    varchar(200) not null,
    branch       varchar(200) not null,
    -- the registry id, or null for a person not in the registry (named by name with birth date or workplace)
    candidate_id varchar(64),
    person_name  varchar(100),
    birth_date   date,
    workplace    varchar(200),
    votes        integer      not null,
    file_row     integer      not null
);

insert into recommendation_vote (file_id, committee, branch, candidate_id, person_name, birth_date, workplace, votes,
        file_row)
    select v.file_id, b.committee, v.branch, v.candidate_id, v.person_name, v.birth_date, v.workplace, v.votes,
        v.file_row
    from recommendation_vote_v12 v
    join recommendation_branch b on b.file_id = v.file_id and b.branch = v.branch;

drop table recommendation_vote_v12;

create index recommendation_vote_file on recommendation_vote (file_id);

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
    select file_id, committee, candidate_id, person_name, birth_date, workplace, count(*), sum(votes)
    from recommendation_vote
    group by file_id, committee, candidate_id, person_name, birth_date, workplace;

insert into recommendation_unit_support (election_id, unit_code, round, candidate_id, person_name, birth_date,
        workplace, branches, votes)
    select r.election_id, r.unit_code, r.round, s.candidate_id, s.person_name, s.birth_date, s.workplace,
        sum(s.branches), sum(s.votes)
    from recommendation_in_force r
    join recommendation_committee_support s on s.file_id = r.file_id and s.committee = r.committee
    group by r.election_id, r.unit_code, r.round, s.candidate_id, s.person_name, s.birth_date, s.workplace;
