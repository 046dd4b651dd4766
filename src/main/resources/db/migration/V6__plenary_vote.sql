-- Step 20: the plenary session of the unit's party committee votes the prospective candidates by secret ballot,
-- counted by the same rules as the congress (quorum more than two thirds). Step 19 fixes how many prospective
-- candidates the vote determines; the rounds are kept like those of the congress, ballots only added up.
alter table election add column prospective_count integer;

create table plenary_round (
    election_id   bigint  not null references election (id),
    round         integer not null,
    tally         text    not null,
    outcome       text    not null,
    ballot        text    not null,
    series_closed boolean default false not null,
    primary key (election_id, round)
);

-- The vote a batch of ballots was entered for: PLENARY (step 20) or CONGRESS (step 23 and its preliminary round).
alter table ballot_batch add column vote varchar(16) default 'CONGRESS' not null;
