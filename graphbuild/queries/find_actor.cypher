// Find actors whose id, name or an alias contains the text (case-insensitive): the names
// and ids the other queries accept.
// @param name text to look for
WITH toLower($name) AS key
MATCH (a:Actor)
WHERE a.id = $name OR toLower(a.name) CONTAINS key OR any(n IN a.aliases WHERE toLower(n) CONTAINS key)
RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country, a.role AS role,
       a.aliases AS aliases
ORDER BY name, id
