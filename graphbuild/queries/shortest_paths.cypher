// Shortest paths between two actors (e.g. two leaders) over factual SUPPORTS, OPPOSES, MEETS and
// REQUESTS relationships in either direction, up to 3 hops: the actors along each path and
// the family of each step. Written as one fixed-length pattern per length, each kept only
// when no shorter path exists, because the two engines spell shortest-path search
// differently (Neo4j shortestPath(), LadybugDB [* SHORTEST]).
// @param from name, alias or id of the first actor
// @param to name, alias or id of the second actor
WITH toLower($from) AS ka, toLower($to) AS kb
MATCH (a:Actor), (b:Actor)
WHERE (a.id = $from OR toLower(a.name) = ka OR any(n IN a.aliases WHERE toLower(n) = ka))
  AND (b.id = $to OR toLower(b.name) = kb OR any(n IN b.aliases WHERE toLower(n) = kb))
  AND a.id <> b.id
MATCH (a)-[r1:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b)
RETURN DISTINCT 1 AS hops, [a.name, b.name] AS actors, [r1.family] AS families
UNION ALL
WITH toLower($from) AS ka, toLower($to) AS kb
MATCH (a:Actor), (b:Actor)
WHERE (a.id = $from OR toLower(a.name) = ka OR any(n IN a.aliases WHERE toLower(n) = ka))
  AND (b.id = $to OR toLower(b.name) = kb OR any(n IN b.aliases WHERE toLower(n) = kb))
  AND a.id <> b.id
  AND NOT EXISTS { MATCH (a)-[:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b) }
MATCH (a)-[r1:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(m1:Actor)-[r2:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b)
RETURN DISTINCT 2 AS hops, [a.name, m1.name, b.name] AS actors, [r1.family, r2.family] AS families
UNION ALL
WITH toLower($from) AS ka, toLower($to) AS kb
MATCH (a:Actor), (b:Actor)
WHERE (a.id = $from OR toLower(a.name) = ka OR any(n IN a.aliases WHERE toLower(n) = ka))
  AND (b.id = $to OR toLower(b.name) = kb OR any(n IN b.aliases WHERE toLower(n) = kb))
  AND a.id <> b.id
  AND NOT EXISTS { MATCH (a)-[:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(:Actor)-[:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b) }
  AND NOT EXISTS { MATCH (a)-[:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b) }
MATCH (a)-[r1:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(m1:Actor)-[r2:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(m2:Actor)-[r3:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(b)
RETURN DISTINCT 3 AS hops, [a.name, m1.name, m2.name, b.name] AS actors, [r1.family, r2.family, r3.family] AS families
