-- Search as people type, in the things' languages: each thing's document holds its words as written ('simple') and as its
-- language stems them (English, French or German; others 'simple' only), so "bird" finds "birds" and "Vogel" finds
-- "Vögel". A query word matches as a prefix, in every form (search as one types); pg_trgm's word similarity forgives
-- typos in titles and finds creators by name. pg_trgm ships with PostgreSQL (Debian: in the server package).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text search configuration of a thing language id (en_GB, fr_FR, de_AT, …).
CREATE FUNCTION things_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE left(language, 2)
        WHEN 'en' THEN 'english'::regconfig
        WHEN 'fr' THEN 'french'::regconfig
        WHEN 'de' THEN 'german'::regconfig
        ELSE 'simple'::regconfig
    END
$$;

-- Title and tags weigh more than the description; every word both stemmed and as written.
CREATE FUNCTION things_search_document(language text, title text, description text, tags text[]) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(things_search_config(language), title), 'A')
        || setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector(things_search_config(language), coalesce(array_to_string(tags, ' '), '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'A')
        || setweight(to_tsvector(things_search_config(language), description), 'B')
        || setweight(to_tsvector('simple'::regconfig, description), 'B')
$$;

DROP INDEX things_search_idx;
ALTER TABLE things DROP COLUMN search;
DROP FUNCTION things_search_document(text, text, text[]);

ALTER TABLE things
    ADD COLUMN search tsvector GENERATED ALWAYS AS (things_search_document(language, title, description, tags)) STORED;

CREATE INDEX things_search_idx ON things USING gin (search);

-- Typos: word similarity of the typed text to titles and to creators' names, at a threshold that forgives a swapped or
-- missing letter ("mountian", "oisaeux", "photgraphy"). A fallback beside the words' own matches, so at most 500 of each.
CREATE INDEX things_title_trgm_idx ON things USING gin (title gin_trgm_ops);
CREATE INDEX users_name_trgm_idx ON users USING gin ((username || ' ' || display_name) gin_trgm_ops);

CREATE FUNCTION things_similar_titles(typed text) RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET pg_trgm.word_similarity_threshold = 0.35
    AS $$ SELECT id FROM things WHERE typed <% title LIMIT 500 $$;

CREATE FUNCTION users_similar_names(typed text) RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET pg_trgm.word_similarity_threshold = 0.35
    AS $$ SELECT id FROM users WHERE typed <% (username || ' ' || display_name) LIMIT 500 $$;

-- What someone typed as a query: every word (at most eight) must match, as a prefix, as written or as the English, French
-- or German stem of it. Lexemes are quoted, so nothing typed is read as query syntax.
CREATE FUNCTION things_search_query(typed text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(alternatives, ' & '), ''))
    FROM (
        SELECT '(' || string_agg(DISTINCT '''' || replace(replace(form, '\', '\\'), '''', '''''') || ''':*', ' | ') || ')' AS alternatives
        FROM (
            SELECT word FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, left(typed, 200)))) AS typed_words(word) LIMIT 8
        ) AS words
        CROSS JOIN LATERAL (
            SELECT word
            UNION SELECT unnest(ts_lexize('english_stem'::regdictionary, word))
            UNION SELECT unnest(ts_lexize('french_stem'::regdictionary, word))
            UNION SELECT unnest(ts_lexize('german_stem'::regdictionary, word))
        ) AS forms(form)
        GROUP BY word
    ) AS per_word
$$;
