// An actor's dyads: what it did towards each other actor and what each did towards it,
// per family, with the statements, events, articles and sources behind each and the
// stance (graph.dyads), most statements first.
// @param actor name, alias or id of the actor
// @param limit:int = 20 at most this many rows
WITH toLower($actor) AS key
MATCH (x:Actor)
WHERE x.id = $actor OR toLower(x.name) = key OR any(n IN x.aliases WHERE toLower(n) = key)
MATCH (a:Actor)-[d:DYAD]->(b:Actor)
WHERE a.id = x.id OR b.id = x.id
RETURN a.name AS subject, d.family AS family, b.name AS object, d.statements AS statements,
       d.events AS events, d.articles AS articles, d.sources AS sources,
       d.first_date AS first_date, d.last_date AS last_date, d.stance AS stance,
       d.goldstein AS goldstein
ORDER BY statements DESC, subject, family, object
LIMIT $limit
