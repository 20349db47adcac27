-- SQN_HE in a table of its own. Every MAR stores a new SQN (TS 33.102 Annex C), each for another subscriber, and
-- the embedded store writes every changed page to its file before the answer may leave: an SQN kept in the
-- subscription row rewrote the page of wide rows (K, OPc, the password, the S-CSCF names) around it, an SQN here
-- rewrites a page of narrow rows, many times more of them per page, so fewer and smaller pages per file write.
CREATE TABLE auth_sequence (
  subscription_id  BIGINT NOT NULL PRIMARY KEY REFERENCES subscription (id) ON DELETE CASCADE,
  sqn              BIGINT NOT NULL
);

INSERT INTO auth_sequence (subscription_id, sqn) SELECT id, sqn FROM subscription;

ALTER TABLE subscription DROP COLUMN sqn;
