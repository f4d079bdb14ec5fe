// Timeline of a pair: every factual statement between two actors, in either direction,
// in date order (undated last), with the evidence sentence and article.
// @param a name, alias or id of the first actor
// @param b name, alias or id of the second actor
WITH toLower($a) AS ka, toLower($b) AS kb
MATCH (x:Actor)
WHERE x.id = $a OR toLower(x.name) = ka OR any(n IN x.aliases WHERE toLower(n) = ka)
MATCH (y:Actor)
WHERE y.id = $b OR toLower(y.name) = kb OR any(n IN y.aliases WHERE toLower(n) = kb)
MATCH (x)-[r:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(y)
WITH x, y, r, EXISTS { MATCH (x)-[f:SUPPORTS|OPPOSES|MEETS|REQUESTS]->(y) WHERE f.id = r.id } AS forward
RETURN r.date AS date,
       CASE WHEN forward THEN x.name ELSE y.name END AS subject,
       r.family AS family, r.kind AS kind,
       CASE WHEN forward THEN y.name ELSE x.name END AS object,
       r.plover_type AS plover_type, r.goldstein AS goldstein,
       r.modality AS modality, r.sentence AS sentence, r.article_id AS article_id, r.id AS id
ORDER BY date, subject, family, kind, id
