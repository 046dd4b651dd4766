-- Each election belongs to an electoral unit, the engine tenant whose members are that unit's bodies
-- (decision 0030); set when the election is registered. An election registered before gets the tenant of its own
-- code.
alter table election add column tenant_id varchar(64);
update election set tenant_id = code;
create index election_by_tenant on election (tenant_id);
