namespace Flattr.Things;

/// <summary>
/// The SQL of one search (<see cref="ThingSearchSql"/>), a single row: the matches counted up to <paramref name="bound"/> (the
/// marker of a parameter one past the bound, so a count that reaches it means "more") and the page's ids in order.
/// Every argument is SQL built from parameter markers; nothing typed is spliced in.
/// </summary>
/// <param name="where">Listed things meeting every criterion but the text, over <c>things t</c>.</param>
/// <param name="order">The page's order over <c>t</c>, ending with a unique key.</param>
sealed class ThingSearchStatement(string where, string order, string limit, string offset, string bound)
{
    /// <summary>Without text: the listed things in the order, counted until the bound.</summary>
    public string Listing() =>
        $"""
        SELECT (SELECT count(*) FROM (SELECT FROM things t WHERE {where} LIMIT {bound}) AS counted),
               ARRAY(SELECT t.id FROM things t WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset})
        """;

    /// <summary>
    /// With the text <paramref name="text"/>: the things with the words (the GIN index on <c>things.search</c>) or by a creator
    /// whose name has them, at most the bound of them; only when they are fewer than <paramref name="few"/>, also things with
    /// a title like the text or by a creator with a name like it (pg_trgm, schema 0370), or with the words typed with two
    /// neighbouring letters swapped (schema 0380). <paramref name="ranked"/> (the
    /// relevance order): the page is the best of those found, so a common word ranks a bounded set, never all its matches;
    /// otherwise every match is in the order.
    /// </summary>
    public string Matching(string text, string few, bool ranked) =>
        $"""
        WITH query AS MATERIALIZED (SELECT things_search_query({text}) AS words),
        creators AS MATERIALIZED (
            SELECT ARRAY(SELECT u.id FROM users u
                         WHERE to_tsvector('simple'::regconfig, u.username || ' ' || u.display_name) @@ (SELECT words FROM query)) AS ids),
        matched AS MATERIALIZED (
            SELECT t.id, t.search, t.title, false AS alike FROM things t
            WHERE {where} AND ({HasWords})
            LIMIT {bound}),
        typos AS MATERIALIZED (
            SELECT t.id, t.search, t.title, true AS alike FROM things t
            WHERE {where}
              AND (t.id = ANY(ARRAY(SELECT things_similar_titles({text}) WHERE (SELECT count(*) FROM matched) < {few}))
                   OR t.owner_id = ANY(ARRAY(SELECT users_similar_names({text}) WHERE (SELECT count(*) FROM matched) < {few}))
                   OR t.search @@ (SELECT things_search_swapped_query({text}) WHERE (SELECT count(*) FROM matched) < {few}))
              AND t.id NOT IN (SELECT id FROM matched)
            LIMIT {bound}),
        found AS (SELECT * FROM matched UNION ALL SELECT * FROM typos)
        SELECT (SELECT count(*) FROM found), {(ranked ? RankedPage : OrderedPage)}
        """;

    /// <summary>A thing with the typed words, or by a creator whose name has them (the statement's <c>query</c> and <c>creators</c>).</summary>
    const string HasWords = "t.search @@ (SELECT words FROM query) OR t.owner_id = ANY((SELECT ids FROM creators)::bigint[])";

    string RankedPage => $"ARRAY(SELECT t.id FROM found t ORDER BY {order} LIMIT {limit} OFFSET {offset})";

    string OrderedPage =>
        $"""
        ARRAY(SELECT t.id FROM things t
              WHERE {where} AND ({HasWords} OR t.id = ANY(ARRAY(SELECT id FROM typos)))
              ORDER BY {order} LIMIT {limit} OFFSET {offset})
        """;
}
