// All relations of an actor: every factual SUPPORTS, OPPOSES, MEETS and REQUESTS statement it is
// the subject or the object of, oldest first, with its PLOVER type and Goldstein score,
// the evidence sentence and article.
// @param actor name, alias or id of the actor
WITH toLower($actor) AS key
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(o:Actor)
WHERE a.id = $actor OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
WITH a, r, o, EXISTS { MATCH (a)-[x:SUPPORTS|OPPOSES|MEETS|REQUESTS]->(o) WHERE x.id = r.id } AS outgoing
RETURN CASE WHEN outgoing THEN a.name ELSE o.name END AS subject,
       r.family AS family, r.kind AS kind,
       CASE WHEN outgoing THEN o.name ELSE a.name END AS object,
       r.plover_type AS plover_type, r.goldstein AS goldstein,
       r.date AS date, r.modality AS modality, r.confidence AS confidence,
       r.sentence AS sentence, r.article_id AS article_id, r.id AS id
ORDER BY date, subject, family, object, id
