-- The ballots of a round, entered as the counters read them, are kept only added up (secret ballot): per batch the
-- number returned and invalid, and per person the approvals, disapprovals and abstentions. No row per ballot, no
-- time of entry, no sequence: nothing can link a ballot to the elector who handed it in, or to its place in the
-- pile. A batch's id is a random UUID, so ids say nothing about the order batches were entered in either.
create table ballot_batch (
    id               varchar(36) not null primary key,
    election_id      bigint      not null references election (id),
    ballot           text        not null,
    ballots_returned integer     not null,
    invalid_ballots  integer     not null,
    counted_in_round integer
);

create table ballot_marks (
    batch_id     varchar(36)  not null references ballot_batch (id),
    candidate    varchar(200) not null,
    approvals    integer      not null,
    disapprovals integer      not null,
    abstentions  integer      not null,
    primary key (batch_id, candidate)
);

-- The ballot a round voted on, and whether the presidium ended a series of rounds with seats left unfilled.
alter table tally_round add column ballot text;
alter table tally_round add column series_closed boolean default false not null;
