// Who meets whom: pairs of actors with factual MEETS statements, how many, first and last date.
// With an actor (name, alias or id), only the actors that met that one.
// @param actor = "" name, alias or id of one actor; empty for every pair
WITH toLower($actor) AS key
MATCH (a:Actor)-[m:MEETS]-(b:Actor)
WHERE (key = '' AND a.id < b.id)
   OR (key <> '' AND (a.id = $actor OR toLower(a.name) = key OR any(x IN a.aliases WHERE toLower(x) = key)))
RETURN a.name AS actor, b.name AS met, b.type AS type, count(m) AS meetings,
       min(m.date) AS first, max(m.date) AS last
ORDER BY meetings DESC, actor, met
