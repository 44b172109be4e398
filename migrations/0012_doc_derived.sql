-- How far each document's derived content (a section's HTML and text, a report part's narrative) is
-- current: the highest doc_updates.id it was rendered from. While people type, content is derived about
-- once a minute, so a process that dies (kill -9, power) can leave it behind its log; the next start
-- finds those documents here and renders them again before it answers anyone.
create table doc_derived (
  doc_name text primary key,
  through_update_id bigint not null
);

-- Until now content was derived within seconds of every edit: take what is stored as current.
insert into doc_derived (doc_name, through_update_id)
select doc_name, max(through) from (
  select doc_name, max(id) as through from doc_updates group by doc_name
  union all
  select doc_name, through_update_id from doc_snapshots
) logs
group by doc_name;
