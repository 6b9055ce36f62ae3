-- Linking works in blocks (link key + month; see store/linking.py): a new document
-- relinks only the blocks it touches, so storing costs the same at any corpus size.
-- Rows stored before this version get their block when the store opens (Python).

ALTER TABLE reports ADD COLUMN link_block VARCHAR;
ALTER TABLE happenings ADD COLUMN link_block VARCHAR;
ALTER TABLE links ADD COLUMN link_block VARCHAR;
CREATE INDEX IF NOT EXISTS reports_link_block ON reports (link_block);
CREATE INDEX IF NOT EXISTS happenings_link_block ON happenings (link_block);
CREATE INDEX IF NOT EXISTS links_link_block ON links (link_block);
-- Lookups by link key alone are gone; fewer indexes make every commit cheaper.
DROP INDEX IF EXISTS reports_link_key;
DROP INDEX IF EXISTS happenings_link_key;
DROP INDEX IF EXISTS links_link_key;
