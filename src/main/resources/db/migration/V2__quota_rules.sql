-- The structural quota rules in force for an election: the defaults with the unit's overrides merged, fixed when the
-- election is created. One row per rule; the rule itself is JSON. Portable SQL: runs on H2 and PostgreSQL.

create table quota_rule (
    election_id bigint      not null references election (id),
    -- order of the rule in the reports, from 0
    position    integer     not null,
    rule_id     varchar(64) not null,
    rule        text        not null,
    primary key (election_id, rule_id),
    unique (election_id, position)
);
