-- E3: an election may hold a preliminary election (预选) before the formal one; off unless configured.
alter table election add column preliminary_election boolean default false not null;

-- The preliminary round of an election: its tally, the ranking it produced and the formal ballot taken from it.
-- One row per election: the preliminary election is held once, before the first formal round.
create table preliminary_round (
    election_id   bigint not null primary key references election (id),
    tally         text   not null,
    ranking       text   not null,
    formal_ballot text   not null
);
