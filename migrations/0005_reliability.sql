-- A batch of document updates that the database refused for a reason retrying cannot cure (a value
-- PostgreSQL cannot hold, a broken constraint). Its bytes are kept here with the error, so nothing typed
-- is lost and an operator can look at it, while later batches of the same document go on being stored.
create table doc_quarantine (
  id integer generated always as identity primary key,
  doc_name text not null,
  data bytea not null,
  error text not null,
  created_at timestamptz not null
);
create index doc_quarantine_doc_idx on doc_quarantine (doc_name, id);
