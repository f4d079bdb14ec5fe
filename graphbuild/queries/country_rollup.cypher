// Actors rolled up to their countries: each person, body or group with a known country,
// with its role and how many factual relations it takes part in.
// @param country = "" name, alias or id of one country; empty for all
WITH toLower($country) AS key
MATCH (a:Actor)
WHERE a.type <> 'Country' AND a.country_id IS NOT NULL
OPTIONAL MATCH (a)-[:AFFILIATED_WITH]->(c:Actor)
WITH a, c, key
WHERE key = '' OR a.country_id = $country OR toLower(coalesce(c.name, a.country)) = key
   OR any(n IN coalesce(c.aliases, []) WHERE toLower(n) = key)
RETURN coalesce(c.name, a.country) AS country, a.country_id AS country_id, a.name AS actor,
       a.type AS type, a.role AS role,
       COUNT { MATCH (a)-[:SUPPORTS|OPPOSES|MEETS|REQUESTS]-(:Actor) } AS relations
ORDER BY country, relations DESC, actor
