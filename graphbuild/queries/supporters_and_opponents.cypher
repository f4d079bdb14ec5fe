// Supporters and opponents of an actor: who SUPPORTS or OPPOSES it (factual statements),
// how often, and when first and last; supporters first.
// @param actor name, alias or id of the actor
WITH toLower($actor) AS key
MATCH (s:Actor)-[r:SUPPORTS|OPPOSES]->(a:Actor)
WHERE a.id = $actor OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)
RETURN a.name AS target, r.family AS stance, s.name AS actor, s.type AS type,
       count(r) AS statements, min(r.date) AS first, max(r.date) AS last
ORDER BY target, stance DESC, statements DESC, actor
