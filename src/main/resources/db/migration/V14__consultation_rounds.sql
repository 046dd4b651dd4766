-- 三上三下: the consultation rounds of stage 2 (decision 0031). Portable SQL: runs on H2 (embedded default) and
-- PostgreSQL.
--
-- The implementation plan (step 2) sets how many rounds the recommendation has, 1 to 3; an election registered before
-- has one. After each round but the last, the list the recommending unit decided (step 7), in the order of the round's
-- support, goes back down to its branches as the list of the next round (一下, 二下): the next round's tallies may name
-- only people on it. A list is a record: written once per unit and round, never changed.
alter table election add column consultation_rounds integer default 1 not null;
alter table election add constraint election_consultation_rounds check (consultation_rounds between 1 and 3);

create table consultation_list (
    election_id  bigint      not null,
    unit_code    varchar(64) not null,
    -- the round whose tallies and decision made the list; it is the list of round + 1
    round        integer     not null,
    -- 1 for the most support in the round; people without support last, by id
    list_position integer    not null,
    candidate_id varchar(64) not null,
    issued_by    varchar(64) not null,
    issued_at    timestamp   not null default current_timestamp,
    primary key (election_id, unit_code, round, candidate_id),
    unique (election_id, unit_code, round, list_position),
    foreign key (election_id, unit_code) references recommending_unit (election_id, code),
    foreign key (election_id, candidate_id) references candidate (election_id, id)
);
