-- The corpus: documents, the reports read from them, and happenings (one event per
-- happening, linking reports across documents). Portable SQL: DuckDB and PostgreSQL.
-- Dates are ISO strings; date_lo/date_hi are the first and last day a date may mean.

CREATE SEQUENCE IF NOT EXISTS document_ids START 1;
CREATE SEQUENCE IF NOT EXISTS report_ids START 1;

CREATE TABLE IF NOT EXISTS documents (
    id BIGINT PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    path VARCHAR NOT NULL,
    title VARCHAR,
    pub_date VARCHAR,
    pub_date_source VARCHAR,
    format VARCHAR,
    source VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    n_words INTEGER NOT NULL,
    ingested_at VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id BIGINT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id);

CREATE TABLE IF NOT EXISTS reports (
    id BIGINT PRIMARY KEY,
    doc_id BIGINT NOT NULL,
    report_key VARCHAR NOT NULL,
    link_key VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    doc VARCHAR NOT NULL,
    pub_date VARCHAR,
    actor VARCHAR,
    recipient VARCHAR,
    actor_name VARCHAR,
    recipient_name VARCHAR,
    actor_sector VARCHAR,
    recipient_sector VARCHAR,
    event VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR,
    cameo VARCHAR,
    quad INTEGER,
    goldstein DOUBLE PRECISION,
    date VARCHAR,
    date_precision VARCHAR,
    date_lo VARCHAR,
    date_hi VARCHAR,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    confidence DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS reports_doc ON reports (doc_id);
CREATE INDEX IF NOT EXISTS reports_link_key ON reports (link_key);

-- Every evidence sentence of a report (a report may rest on several sentences of its document).
CREATE TABLE IF NOT EXISTS evidence (
    report_id BIGINT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_report ON evidence (report_id);

-- One row per happening; the event fields are those of its representative report.
CREATE TABLE IF NOT EXISTS happenings (
    id VARCHAR NOT NULL,
    link_key VARCHAR NOT NULL,
    representative BIGINT NOT NULL,
    doc VARCHAR,
    actor VARCHAR,
    recipient VARCHAR,
    actor_name VARCHAR,
    recipient_name VARCHAR,
    actor_sector VARCHAR,
    recipient_sector VARCHAR,
    event VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR,
    cameo VARCHAR,
    quad INTEGER,
    goldstein DOUBLE PRECISION,
    date VARCHAR,
    date_precision VARCHAR,
    date_lo VARCHAR,
    date_hi VARCHAR,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    confidence DOUBLE PRECISION,
    mentions INTEGER NOT NULL,
    sources INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS happenings_id ON happenings (id);
CREATE INDEX IF NOT EXISTS happenings_link_key ON happenings (link_key);
CREATE INDEX IF NOT EXISTS happenings_dyad ON happenings (actor, recipient);

-- Which reports make up each happening, and why each was joined.
CREATE TABLE IF NOT EXISTS links (
    report_id BIGINT NOT NULL,
    happening_id VARCHAR NOT NULL,
    link_key VARCHAR NOT NULL,
    reason VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS links_happening ON links (happening_id);
CREATE INDEX IF NOT EXISTS links_link_key ON links (link_key);

CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR PRIMARY KEY,
    reason VARCHAR NOT NULL,
    failed_at VARCHAR NOT NULL,
    retried INTEGER NOT NULL
);
