-- A stage-2 report's checkpoint carries the recommending unit's code after a colon ("participation:<code>",
-- "unitNominees:<code>"), and a code may be 61 characters long (its group ru-<code> fits the engine's 64): 32 characters
-- refused the report of any unit whose code is longer than 18, and with it the unit's step.
alter table quota_report alter column checkpoint set data type varchar(80);
