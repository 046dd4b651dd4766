-- One database holds every election an organization department runs. The tables our queries read by election, and
-- whose primary key does not begin with it, get an index that does: the latest quota report of an election (and of a
-- checkpoint), and the ballot batches of an election's vote. Without them each such read scans the whole table.
create index quota_report_election on quota_report (election_id, checkpoint, id);
create index ballot_batch_election on ballot_batch (election_id, vote, counted_in_round);
