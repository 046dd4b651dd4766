-- Each recommending unit's participation in a round over its committees in force, derived again at each upload of
-- the unit like its support (V17, decision 0037), so that the whole electoral unit's participation (step 8: 17 units,
-- 20,000 committees at a province's scale) is read from a row per unit instead of being summed over its committees
-- in force at every reading. A derived figure, not a record: the committees' figures (V17) stay the evidence.
create table recommendation_unit_figures (
    election_id          bigint      not null,
    unit_code            varchar(64) not null,
    round                integer     not null,
    branches             bigint      not null,
    branches_taking_part bigint      not null,
    members              bigint      not null,
    taking_part          bigint      not null,
    primary key (election_id, round, unit_code),
    foreign key (election_id, unit_code) references recommending_unit (election_id, code)
);

insert into recommendation_unit_figures (election_id, unit_code, round, branches, branches_taking_part, members,
        taking_part)
    select r.election_id, r.unit_code, r.round, sum(f.branches), sum(f.branches_taking_part), sum(f.members),
        sum(f.taking_part)
    from recommendation_in_force r
    join recommendation_committee_figures f on f.file_id = r.file_id and f.committee = r.committee
    group by r.election_id, r.unit_code, r.round;
