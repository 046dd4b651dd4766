-- The branches of the recommendation tallies and each committee's figures without foreign keys to their committee, and
-- the support summed per file (decision 0037, amended). Portable SQL: runs on H2 (embedded default) and PostgreSQL.
--
-- A foreign key is checked row by row (on PostgreSQL a trigger per row): at a province's scale (200,000 branches,
-- 20,000 committees) the checks took more time than writing the rows themselves. What they guarded is the upload's
-- own check: a file is read and checked whole, and its committees, branches and figures are written from it in one
-- transaction and never changed (V12, V17). The keys that tell rows apart stay.

create table recommendation_branch_v19 (
    file_id     bigint       not null,
    committee   varchar(200) not null,
    branch      varchar(200) not null,
    members     integer      not null,
    taking_part integer      not null,
    file_row    integer      not null,
    constraint recommendation_branch_key primary key (file_id, branch)
);
insert into recommendation_branch_v19 select file_id, committee, branch, members, taking_part, file_row
    from recommendation_branch;
drop table recommendation_branch;
alter table recommendation_branch_v19 rename to recommendation_branch;

create table recommendation_committee_figures_v19 (
    file_id              bigint       not null,
    committee            varchar(200) not null,
    branches             integer      not null,
    branches_taking_part integer      not null,
    members              bigint       not null,
    taking_part          bigint       not null,
    constraint recommendation_committee_figures_key primary key (file_id, committee)
);
insert into recommendation_committee_figures_v19 select file_id, committee, branches, branches_taking_part, members,
        taking_part
    from recommendation_committee_figures;
drop table recommendation_committee_figures;
alter table recommendation_committee_figures_v19 rename to recommendation_committee_figures;

-- A file's support per person over its committees in force, instead of each committee's (V17): about a hundred
-- rows a file instead of some 50,000 a unit of a province, the unit's support summed from them. Derived, not a record:
-- written at the file's upload and derived again from the file's votes when a later file of the unit replaces one of
-- its committees (a correction); the votes stay the evidence.
create table recommendation_file_support (
    file_id      bigint       not null references recommendation_file (id),
    candidate_id varchar(64),
    person_name  varchar(100),
    birth_date   date,
    workplace    varchar(200),
    branches     bigint       not null,
    votes        bigint       not null
);

create index recommendation_file_support_file on recommendation_file_support (file_id);

insert into recommendation_file_support (file_id, candidate_id, person_name, birth_date, workplace, branches, votes)
    select s.file_id, s.candidate_id, s.person_name, s.birth_date, s.workplace, sum(s.branches), sum(s.votes)
    from recommendation_in_force r
    join recommendation_committee_support s on s.file_id = r.file_id and s.committee = r.committee
    group by s.file_id, s.candidate_id, s.person_name, s.birth_date, s.workplace;

drop table recommendation_committee_support;
