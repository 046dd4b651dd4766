-- A round counted box by box (票箱): each box with its ballots issued, entered by counting team 1 (which opens the
-- box) and, independently, by counting team 2; the two entries are compared ballot by ballot. Once the box is
-- counted its counts are a ballot_batch (batch_id) like any other, counted in the round.
-- round: as ballot_batch.counted_in_round (0 the congress's preliminary round).
create table ballot_box (
    election_id      bigint      not null references election (id),
    vote             varchar(16) not null,
    round            integer     not null,
    box              integer     not null,
    ballot           text        not null,
    ballots_issued   integer     not null,
    first_returned   integer     not null,
    second_returned  integer,
    batch_id         varchar(36) references ballot_batch (id),
    primary key (election_id, vote, round, box)
);

-- The ballots of team 1's entry as read, held only while the box waits for team 2 and for the chief scrutineer
-- (decision 0027): in the order counted within the box, no time, no elector; deleted when the box is counted or its
-- round is over.
create table ballot_box_reading (
    election_id bigint      not null references election (id),
    vote        varchar(16) not null,
    round       integer     not null,
    box         integer     not null,
    row_in_box  integer     not null,
    reading     text        not null,
    primary key (election_id, vote, round, box, row_in_box)
);

-- The ballots the two teams read differently, both readings, and how the chief scrutineer (总监票人) settled each:
-- whose reading stands, why, who and when. Kept as the record of the count.
create table ballot_box_difference (
    election_id    bigint      not null references election (id),
    vote           varchar(16) not null,
    round          integer     not null,
    box            integer     not null,
    row_in_box     integer     not null,
    first_reading  text,
    second_reading text,
    accepted_team  integer,
    reason         varchar(500),
    settled_by     varchar(64),
    settled_at     timestamp,
    primary key (election_id, vote, round, box, row_in_box)
);
